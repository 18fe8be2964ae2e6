package dev.meshmirror.preview;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A recorded request as Envoy's header map holds it at the gateway: the pseudo-headers from the
 * method and URL, then the recorded headers with lower-case names, without HTTP/2's recorded
 * pseudo-headers and {@code host} (Envoy keeps it as {@code :authority}).
 */
final class Requests {
  private Requests() {}

  static String path(HarEntry entry) {
    try {
      URI uri = new URI(entry.url());
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
      return uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    } catch (URISyntaxException e) {
      int start = entry.url().indexOf('/', entry.url().indexOf("//") + 2);
      return start < 0 ? "/" : entry.url().substring(start);
    }
  }

  static List<HarEntry.Header> requestHeaders(HarEntry entry) {
    List<HarEntry.Header> headers = new ArrayList<>();
    headers.add(new HarEntry.Header(":method", entry.method()));
    headers.add(new HarEntry.Header(":path", path(entry)));
    headers.add(new HarEntry.Header(":authority", authority(entry)));
    headers.add(
        new HarEntry.Header(":scheme", entry.url().startsWith("https:") ? "https" : "http"));
    headers.addAll(recorded(entry.requestHeaders()));
    return headers;
  }

  static List<HarEntry.Header> responseHeaders(HarEntry.Response response) {
    List<HarEntry.Header> headers = new ArrayList<>();
    headers.add(new HarEntry.Header(":status", Integer.toString(response.status())));
    headers.addAll(recorded(response.headers()));
    return headers;
  }

  /** The recorded headers Envoy's map holds as they are: lower-case names, no pseudo-headers. */
  static List<HarEntry.Header> recorded(List<HarEntry.Header> headers) {
    List<HarEntry.Header> kept = new ArrayList<>();
    for (HarEntry.Header header : headers) {
      String name = header.name().toLowerCase(Locale.ROOT);
      if (!name.startsWith(":") && !name.equals("host")) {
        kept.add(new HarEntry.Header(name, header.value()));
      }
    }
    return kept;
  }

  private static String authority(HarEntry entry) {
    for (HarEntry.Header header : entry.requestHeaders()) {
      String name = header.name().toLowerCase(Locale.ROOT);
      if (name.equals("host") || name.equals(":authority")) {
        return header.value();
      }
    }
    try {
      String authority = new URI(entry.url()).getRawAuthority();
      return authority == null ? "" : authority;
    } catch (URISyntaxException e) {
      return "";
    }
  }
}
