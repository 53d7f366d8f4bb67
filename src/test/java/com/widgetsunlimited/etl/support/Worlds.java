package com.widgetsunlimited.etl.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The world of a test that runs etl.jar as a process: a working directory holding the
 * embedded environment ({@code data}: PostgreSQL's and Kafka's files, the drop) and
 * {@code staging}.
 */
public final class Worlds {

	private Worlds() {
	}

	/**
	 * A copy of a world whose processes have ended, in a new temporary folder.
	 * @see #copy(Path, Path)
	 */
	public static Path copy(Path from, String prefix) throws IOException {
		Path to = Files.createTempDirectory(prefix);
		copy(from, to);
		return to;
	}

	/**
	 * Copies a world whose processes have ended into {@code to}: its embedded database's
	 * and broker's files, the drop and staging, without the logs of the runs that made
	 * it.
	 */
	public static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (path.equals(from)) {
					continue;
				}
				if (Files.isDirectory(path)) {
					// with its permissions: PostgreSQL refuses a data directory others
					// can read
					Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
				else if (!path.getParent().equals(from)) {
					Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
	}

	/**
	 * Every staged file under the world's staging root (Parquet files and manifests, not
	 * the run reports, which describe each run), by its path under that root. A manifest
	 * names the drop folder it read, which is in the world: that part of the path reads
	 * {@code <world>}.
	 */
	public static Map<String, byte[]> stagingFiles(Path world) throws IOException {
		Map<String, byte[]> files = new TreeMap<>();
		Path root = world.resolve("staging");
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path file : paths.filter(Files::isRegularFile)
				.filter((file) -> !file.toString().endsWith(".html"))
				.toList()) {
				byte[] bytes = Files.readAllBytes(file);
				if (file.toString().endsWith(".json")) {
					bytes = new String(bytes, StandardCharsets.UTF_8)
						.replace(world.toAbsolutePath().toString(), "<world>")
						.getBytes(StandardCharsets.UTF_8);
				}
				files.put(root.relativize(file).toString(), bytes);
			}
		}
		return files;
	}

}
