package com.widgetsunlimited.etl.staging;

import java.io.IOException;

import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.util.HadoopStreams;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.SeekableInputStream;

/**
 * Parquet's view of files on one given {@link FileSystem}. Parquet's own
 * {@code HadoopInputFile} and {@code HadoopOutputFile} look their file system up from the
 * path, which goes through Hadoop's global cache (or, with the cache disabled, opens a
 * file system per file that nobody closes).
 */
final class FileSystemFiles {

	private FileSystemFiles() {
	}

	static OutputFile output(FileSystem fileSystem, Path path) {
		return new OutputFile() {

			@Override
			public PositionOutputStream create(long blockSizeHint) throws IOException {
				return HadoopStreams.wrap(fileSystem.create(path, false));
			}

			@Override
			public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
				return HadoopStreams.wrap(fileSystem.create(path, true));
			}

			@Override
			public boolean supportsBlockSize() {
				return false;
			}

			@Override
			public long defaultBlockSize() {
				return 0;
			}

			@Override
			public String getPath() {
				return path.toString();
			}

			@Override
			public String toString() {
				return path.toString();
			}

		};
	}

	static InputFile input(FileSystem fileSystem, Path path) throws IOException {
		long length = fileSystem.getFileStatus(path).getLen();
		return new InputFile() {

			@Override
			public long getLength() {
				return length;
			}

			@Override
			public SeekableInputStream newStream() throws IOException {
				return HadoopStreams.wrap(fileSystem.open(path));
			}

			@Override
			public String toString() {
				return path.toString();
			}

		};
	}

}
