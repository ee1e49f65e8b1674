package io.modelmap.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** What a HEAD's headers say of a file; a size header that is not a byte count is one line naming it. */
class FileMetadataTest {
  private static final URI RESOLVE = URI.create("http://127.0.0.1:9/org/tiny/resolve/abc/model.safetensors");

  private static HttpHeaders headers(Map<String, String> values) {
    Map<String, List<String>> lists = new java.util.HashMap<>();
    values.forEach((name, value) -> lists.put(name, List.of(value)));
    return HttpHeaders.of(lists, (name, value) -> true);
  }

  @Test
  void shouldPreferXLinkedSizeToContentLength() {
    FileMetadata metadata = FileMetadata.from(headers(Map.of("ETag", "\"e\"", "X-Linked-Size", " 1234 ",
        "Content-Length", "0")), RESOLVE, 302);

    assertThat(metadata.size()).isEqualTo(OptionalLong.of(1234));
  }

  @Test
  void shouldReadContentLengthWhenNoLinkedSizeIsGiven() {
    assertThat(FileMetadata.from(headers(Map.of("ETag", "\"e\"", "Content-Length", "77")), RESOLVE, 200).size())
        .isEqualTo(OptionalLong.of(77));
    assertThat(FileMetadata.from(headers(Map.of("ETag", "\"e\"")), RESOLVE, 200).size()).isEmpty();
  }

  @Test
  void shouldRefuseAMalformedLinkedSizeInOneLineNamingTheHeaderAndValue() {
    assertThatThrownBy(() -> FileMetadata.from(headers(Map.of("ETag", "\"e\"", "X-Linked-Size", "12kB")), RESOLVE, 302))
        .isInstanceOf(HubException.class)
        .satisfies(e -> assertThat(((HubException) e).kind()).isEqualTo(HubException.Kind.PROTOCOL))
        .hasMessage(RESOLVE + " answered X-Linked-Size: '12kB', which is not a byte count")
        .hasNoCause();
  }

  @Test
  void shouldRefuseANegativeOrOverflowingContentLength() {
    assertThatThrownBy(() -> FileMetadata.from(headers(Map.of("ETag", "\"e\"", "Content-Length", "-5")), RESOLVE, 200))
        .isInstanceOf(HubException.class)
        .hasMessage(RESOLVE + " answered Content-Length: '-5', which is not a byte count");
    assertThatThrownBy(() -> FileMetadata.from(headers(Map.of("ETag", "\"e\"",
        "Content-Length", "99999999999999999999")), RESOLVE, 200))
        .isInstanceOf(HubException.class)
        .hasMessage(RESOLVE + " answered Content-Length: '99999999999999999999', which is not a byte count");
  }
}
