/** Checks of a module's structure, shared by the modules that have rooms (aggregator, cli): package cycles. */
package io.modelmap.testsupport.architecture;
