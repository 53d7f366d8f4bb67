package com.widgetsunlimited.etl.env;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive, process-wide claim on the embedded environment's data directory. The
 * operating system releases it when the process ends, however it ends, so a killed run
 * leaves nothing that blocks the next one; a second process finds it held and is refused
 * before it touches anything.
 */
public final class EnvironmentLock implements AutoCloseable {

	private static final String LOCK_FILE = ".etl.lock";

	private final FileChannel channel;

	private final FileLock lock;

	private EnvironmentLock(FileChannel channel, FileLock lock) {
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Takes the lock on {@code dataDirectory}.
	 * @throws EnvironmentInUseException when another process holds it
	 */
	public static EnvironmentLock acquire(Path dataDirectory) {
		Path file = dataDirectory.resolve(LOCK_FILE);
		try {
			Files.createDirectories(dataDirectory);
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock = channel.tryLock();
			if (lock == null) {
				String holder = Files.readString(file, StandardCharsets.US_ASCII).trim();
				channel.close();
				throw new EnvironmentInUseException("the embedded environment in " + dataDirectory.toAbsolutePath()
						+ " is in use by another etl process" + (holder.isEmpty() ? "" : " (pid " + holder + ")"));
			}
			channel.truncate(0);
			channel.write(StandardCharsets.US_ASCII.encode(Long.toString(ProcessHandle.current().pid())));
			channel.force(false);
			return new EnvironmentLock(channel, lock);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot lock the embedded environment in " + dataDirectory, ex);
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
			this.channel.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Another live process uses the same embedded environment. */
	public static class EnvironmentInUseException extends IllegalStateException {

		public EnvironmentInUseException(String message) {
			super(message);
		}

	}

}
