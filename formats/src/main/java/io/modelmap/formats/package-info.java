/**
 * Every file the system reads or writes, by subject in the subpackages ({@code csv}, {@code corpus},
 * {@code benchmark}, {@code responses}, {@code matrix}, {@code export}); here the one refusal of a bad
 * input file ({@link io.modelmap.formats.BadInputFile}) and where it points ({@link io.modelmap.formats.FilePosition}).
 * Files in, records and values out: no Kafka client here.
 */
package io.modelmap.formats;
