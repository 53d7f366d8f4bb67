package com.widgetsunlimited.etl.model;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A local folder as a user gives it in the configuration: a path ({@code ./data},
 * {@code /var/etl/data}) or a {@code file:} URI, percent-encoded or not
 * ({@code file:///var/etl/data}, {@code file:/srv/etl%20data},
 * {@code file:///srv/etl data}).
 */
public final class LocalFolders {

	private LocalFolders() {
	}

	/**
	 * The folder {@code value} names.
	 * @throws IllegalArgumentException for a {@code file:} URI that names another host
	 */
	public static Path of(String value) {
		String text = value.strip();
		if (!text.toLowerCase(Locale.ROOT).startsWith("file:")) {
			return Path.of(text);
		}
		try {
			URI uri = new URI(text);
			if (uri.isOpaque() || uri.getPath() == null) {
				// file:data, file:./data
				return Path.of(uri.getSchemeSpecificPart());
			}
			return Path.of(localHost(text, uri.getAuthority()) + uri.getPath());
		}
		catch (URISyntaxException ex) {
			// not encoded (file:///srv/etl data): everything after the authority is the
			// path
			String rest = text.substring("file:".length());
			if (!rest.startsWith("//")) {
				return Path.of(rest);
			}
			int slash = rest.indexOf('/', 2);
			String path = (slash < 0) ? "/" : rest.substring(slash);
			return Path.of(localHost(text, rest.substring(2, (slash < 0) ? rest.length() : slash)) + path);
		}
	}

	private static String localHost(String text, String authority) {
		if (authority != null && !authority.isEmpty() && !authority.equalsIgnoreCase("localhost")) {
			throw new IllegalArgumentException(
					text + " names the host " + authority + ": a file: URI here must name a local folder");
		}
		return "";
	}

}
