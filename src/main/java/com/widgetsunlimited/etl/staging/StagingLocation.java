package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

import com.widgetsunlimited.etl.model.LocalFolders;
import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;

/**
 * Where staging files live (docs/architecture.md, "Staging"):
 * {@code <root>/<yyyy-MM-dd>/<source>/<entity>.parquet} under a root that is a local path
 * ({@code ./staging}, {@code /var/etl/staging}) or a Hadoop file system URI
 * ({@code file:}, {@code hdfs:}, {@code s3a:}). A relative local path is resolved against
 * the working directory once, here.
 * <p>
 * {@link #fileSystem()} opens a file system of its own (never one from Hadoop's global
 * cache, whose entries are keyed by scheme and user but not by configuration, so settings
 * would leak between users of the same JVM); on a local disk it is the raw local file
 * system ({@link StagingLocalFileSystem}), which writes no {@code .crc} sidecar files.
 */
public final class StagingLocation {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

	private final Path root;

	public StagingLocation(String root) {
		Objects.requireNonNull(root, "staging root");
		if (root.isBlank()) {
			throw new IllegalArgumentException("The staging root must not be blank");
		}
		this.root = new Path(toUri(root.strip()));
	}

	private static URI toUri(String root) {
		if (root.toLowerCase(java.util.Locale.ROOT).startsWith("file:")) {
			// file:///srv/staging, encoded or not, file:staging
			return LocalFolders.of(root).toAbsolutePath().normalize().toUri();
		}
		URI uri;
		try {
			uri = new URI(root);
		}
		catch (URISyntaxException ex) {
			return localPath(root);
		}
		String scheme = uri.getScheme();
		if (scheme == null || scheme.length() == 1) {
			// a plain path, or a Windows drive letter (C:\staging)
			return localPath(root);
		}
		return uri.normalize();
	}

	private static URI localPath(String path) {
		return java.nio.file.Path.of(path).toAbsolutePath().normalize().toUri();
	}

	/** The staging root, as a fully qualified path. */
	public Path root() {
		return this.root;
	}

	/** The folder of one source's files of one day: {@code <root>/<date>/<source>}. */
	public Path sourceFolder(LocalDate date, Source source) {
		return new Path(new Path(this.root, DAY.format(date)), source.id());
	}

	/**
	 * The staging file of one entity of one day:
	 * {@code <root>/<date>/<source>/<entity>.parquet}.
	 */
	public Path entityFile(LocalDate date, Entity entity) {
		return new Path(sourceFolder(date, entity.source()), entity.id() + ".parquet");
	}

	/**
	 * A file of one day that is not an entity's, such as its run report:
	 * {@code <root>/<date>/<name>}.
	 */
	public Path dayFile(LocalDate date, String name) {
		return new Path(new Path(this.root, DAY.format(date)), name);
	}

	/**
	 * Writes {@code target} under a dot-name in its folder and renames it over any older
	 * file, so that readers see the old file or the complete new one, never a part.
	 */
	public static void writeComplete(FileSystem fs, Path target, Content content) throws IOException {
		Path temporary = new Path(target.getParent(), "." + target.getName() + ".tmp");
		try (OutputStream out = fs.create(temporary, true)) {
			content.writeTo(out);
		}
		fs.delete(target, false);
		if (!fs.rename(temporary, target)) {
			throw new IOException("could not rename " + temporary + " to " + target);
		}
	}

	/** What {@link #writeComplete} writes. */
	@FunctionalInterface
	public interface Content {

		void writeTo(OutputStream out) throws IOException;

	}

	/**
	 * A new configuration for staging files: the raw local file system for {@code file:},
	 * and no cached file systems for the root's scheme should anything look one up by
	 * path.
	 */
	public Configuration configuration() {
		Configuration configuration = new Configuration(Defaults.CONFIGURATION);
		configuration.setClass("fs.file.impl", StagingLocalFileSystem.class, FileSystem.class);
		configuration.setBoolean("fs.file.impl.disable.cache", true);
		configuration.setBoolean("fs." + this.root.toUri().getScheme() + ".impl.disable.cache", true);
		return configuration;
	}

	/**
	 * A new file system instance for the root, which the caller must close.
	 * @throws IOException if the root's file system is unavailable (for instance no
	 * implementation of its scheme on the class path)
	 */
	public FileSystem fileSystem() throws IOException {
		return fileSystem(configuration());
	}

	/** A new file system instance for the root with {@code configuration}. */
	FileSystem fileSystem(Configuration configuration) throws IOException {
		return FileSystem.newInstance(this.root.toUri(), configuration);
	}

	@Override
	public String toString() {
		return this.root.toString();
	}

	/**
	 * Hadoop's default resources, parsed once per process: a new {@link Configuration}
	 * parses its XML files again at its first use, once for every staged file opened.
	 */
	private static final class Defaults {

		static final Configuration CONFIGURATION = new Configuration();

		static {
			// loads the resources now, so that copies share the parsed properties
			CONFIGURATION.size();
		}

	}

}
