/** Reading and writing the CSV files users exchange with the system. */
package io.modelmap.producer.csv;
