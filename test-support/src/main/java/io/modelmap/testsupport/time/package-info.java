/** Time under a test's control: {@link io.modelmap.testsupport.time.SteppedClock}. */
package io.modelmap.testsupport.time;
