package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.compression.CompressionCodecFactory;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;
import org.springframework.batch.infrastructure.item.ItemStreamWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import com.widgetsunlimited.etl.model.Entity;

/**
 * Writes one entity's rows of one day to its staging file
 * {@code <root>/<date>/<source>/<entity>.parquet} (docs/architecture.md), restartably and
 * so that the file appears only complete.
 * <p>
 * <b>Chunks are parts.</b> Each {@link #write(Chunk) chunk} becomes one Parquet file
 * {@code <entity>.parquet.parts/part-NNNNN.parquet}, written under a name beginning with
 * a dot and renamed when complete. {@link #update(ExecutionContext)} records how many
 * parts exist under {@code <name>.parts}; Spring Batch saves that in the same transaction
 * as the chunk, so the saved count is the number of committed parts. A part written by a
 * chunk whose transaction rolls back is deleted right away when a transaction
 * synchronization is active (and its number reused), and in any case on the next
 * {@link #open(ExecutionContext) open}, which deletes every part above the saved count
 * and continues the numbering after it. No row is therefore staged twice or lost by a
 * restart.
 * <p>
 * <b>Completion.</b> {@link #complete()} copies the committed parts' row groups, in order
 * and as they are (compressed pages, statistics), into one file under a dot-name in the
 * source folder, renamed over any older {@code <entity>.parquet}, then renames the parts
 * folder away and deletes it (so that a parts folder never outlives its file with some
 * parts gone). Nothing is decoded or encoded again: completing costs a copy of the bytes,
 * not a second pass over every row, and holds no row group in memory. So each chunk is
 * one row group of the final file, and the file's bytes depend on the rows and on where
 * the chunks ended: the same rows in the same chunks (a restart or a rerun with the same
 * {@code etl.ingest.chunk-size}) give the same bytes. Each part also costs a few
 * milliseconds of fixed overhead to write, so chunks of several thousand rows suit this
 * writer better than chunks of a few hundred. Zero rows give a valid empty file with the
 * schema.
 * <p>
 * <b>Where to call {@code complete()}.</b> This writer is a
 * {@link StepExecutionListener}: register it on the step with {@code .listener(writer)}
 * (declare the bean's type as {@code ParquetStagingWriter} so a step-scoped proxy keeps
 * that interface) and {@link #afterStep} completes the file when, and only when, the
 * step's status is {@code COMPLETED}, that is after the reader returned {@code null} and
 * the last chunk committed. Spring Batch logs and swallows exceptions thrown from
 * {@code afterStep}, which would leave a step COMPLETED without its file, so a failed
 * completion is not thrown: it marks the step execution {@code FAILED} with the
 * exception. A restart then reruns the step, whose reader resumes after its last
 * committed item and so reads nothing more, and completes again; completing twice (for
 * instance when the writer is also detected as a listener) is harmless. If a previous
 * execution assembled the file but was not recorded as complete, {@code open} finds the
 * final file without parts and {@code complete} leaves it as it is. A separate tasklet
 * step would be the other place to complete, but it would have to tell committed parts
 * from rolled back ones by listing the folder, while this step's execution context holds
 * the committed count.
 * <p>
 * Parts and final files are compressed with ZSTD (through zstd-jni, which parquet-hadoop
 * brings); {@link #setCompressionCodec} chooses another. Written bytes depend only on the
 * rows: Parquet records its constant {@code created_by}, the Avro schema and the object
 * model, no time or host. I/O errors are thrown as {@link ItemStreamException} naming the
 * file. One instance serves one step execution on one thread.
 */
public class ParquetStagingWriter extends ItemStreamSupport
		implements ItemStreamWriter<StagedRow>, StepExecutionListener, AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(ParquetStagingWriter.class);

	private static final String PARTS_KEY = "parts";

	private static final Pattern PART = Pattern.compile("part-(\\d+)\\.parquet");

	private final StagingLocation location;

	private final Entity entity;

	private final Schema schema;

	private final Path file;

	private final Path partsFolder;

	private CompressionCodecName compressionCodec = CompressionCodecName.ZSTD;

	private Configuration configuration;

	private FileSystem fileSystem;

	/**
	 * The codecs of every part while the writer is open. A codec factory holds a
	 * compressor with a page-sized buffer (1 MB); one per part, as {@link ParquetWriter}
	 * makes by default, allocated that buffer again for every chunk, and lived long
	 * enough to be promoted to the old generation.
	 */
	private CodecFactory codecs;

	private int parts;

	private boolean assembled;

	/**
	 * A writer named {@code <entity>StagingWriter} (the name prefixes its key in the
	 * execution context).
	 */
	public ParquetStagingWriter(StagingLocation location, LocalDate date, Entity entity) {
		this(entity.id() + "StagingWriter", location, date, entity);
	}

	public ParquetStagingWriter(String name, StagingLocation location, LocalDate date, Entity entity) {
		Objects.requireNonNull(location, "location");
		Objects.requireNonNull(date, "date");
		Objects.requireNonNull(entity, "entity");
		setName(name);
		this.location = location;
		this.entity = entity;
		this.schema = StagingSchemas.schema(entity);
		this.file = location.entityFile(date, entity);
		this.partsFolder = new Path(this.file.getParent(), this.file.getName() + ".parts");
	}

	/** The compression of parts and final file; ZSTD unless set. */
	public void setCompressionCodec(CompressionCodecName compressionCodec) {
		this.compressionCodec = Objects.requireNonNull(compressionCodec, "compressionCodec");
	}

	/** The staging file this writer completes. */
	public Path file() {
		return this.file;
	}

	/** The folder of the parts written so far. */
	public Path partsFolder() {
		return this.partsFolder;
	}

	/**
	 * Opens the file system and removes what a previous execution left uncommitted: parts
	 * above the saved count and unfinished (dot-named) files, the final file's included.
	 * Opening an open writer does nothing.
	 * @throws ItemStreamException if the file system is unavailable or a committed part
	 * is missing
	 */
	@Override
	public void open(ExecutionContext executionContext) throws ItemStreamException {
		if (this.fileSystem != null) {
			// registered twice (as the writer, and as a stream or inside a composite)
			return;
		}
		String key = getExecutionContextKey(PARTS_KEY);
		int committed = executionContext.containsKey(key) ? executionContext.getInt(key) : 0;
		this.configuration = this.location.configuration();
		try {
			this.fileSystem = this.location.fileSystem(this.configuration);
		}
		catch (IOException ex) {
			throw new ItemStreamException("Could not open the file system of " + this.location, ex);
		}
		this.codecs = new CodecFactory(this.configuration, ParquetProperties.DEFAULT_PAGE_SIZE);
		try {
			this.assembled = recover(committed);
			this.parts = committed;
			if (!this.assembled) {
				// the sign of a file under way, even before its first part: a step
				// recorded complete whose process died before it assembled the file is
				// completed from this folder, empty for an entity without a row that day
				// (completeUnfinished)
				this.fileSystem.mkdirs(this.partsFolder);
			}
		}
		catch (IOException | RuntimeException ex) {
			try {
				close();
			}
			catch (RuntimeException closing) {
				ex.addSuppressed(closing);
			}
			if (ex instanceof IOException) {
				throw new ItemStreamException("Could not clean up the staging parts in " + this.partsFolder, ex);
			}
			throw (RuntimeException) ex;
		}
	}

	private boolean recover(int committed) throws IOException {
		if (this.fileSystem.exists(assembling())) {
			delete(assembling(), false);
		}
		deleteRetired();
		if (!this.fileSystem.exists(this.partsFolder)) {
			if (committed == 0) {
				return false;
			}
			if (this.fileSystem.exists(this.file)) {
				// a previous execution completed the file but was not recorded as
				// complete
				return true;
			}
			throw new ItemStreamException(
					committed + " committed parts are missing: " + this.partsFolder + " does not exist");
		}
		for (FileStatus status : this.fileSystem.listStatus(this.partsFolder)) {
			String name = status.getPath().getName();
			Matcher part = PART.matcher(name);
			if ((part.matches() && Integer.parseInt(part.group(1)) > committed) || name.startsWith(".")) {
				delete(status.getPath(), true);
			}
		}
		for (int number = 1; number <= committed; number++) {
			if (!this.fileSystem.exists(part(number))) {
				throw new ItemStreamException("The committed part " + part(number) + " is missing");
			}
		}
		return false;
	}

	/** Saves the number of parts written, under {@code <name>.parts}. */
	@Override
	public void update(ExecutionContext executionContext) throws ItemStreamException {
		if (this.fileSystem != null) {
			executionContext.putInt(getExecutionContextKey(PARTS_KEY), this.parts);
		}
	}

	/**
	 * Writes the chunk's rows as the next part, secrets dropped and card numbers masked
	 * by {@link StagingSchemas#toRecord}. An empty chunk writes nothing.
	 * @throws IllegalArgumentException if a row is of another entity or cannot be staged
	 * @throws ItemStreamException if the part cannot be written
	 */
	@Override
	public void write(Chunk<? extends StagedRow> chunk) {
		checkOpen();
		if (chunk.isEmpty()) {
			return;
		}
		if (this.assembled) {
			throw new ItemStreamException(this.file + " is already complete; restage the day from scratch to add rows");
		}
		int number = this.parts + 1;
		Path part = part(number);
		Path temporary = new Path(this.partsFolder, "." + part.getName() + ".inprogress");
		try {
			try (ParquetWriter<GenericRecord> writer = newWriter(temporary)) {
				for (StagedRow row : chunk) {
					if (row.row().entity() != this.entity) {
						throw new IllegalArgumentException(
								getName() + " stages " + this.entity.id() + " rows, not " + row.row().entity().id());
					}
					writer.write(StagingSchemas.toRecord(row));
				}
			}
			replace(temporary, part);
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temporary, ex);
			if (ex instanceof IOException) {
				throw new ItemStreamException("Could not write the staging part " + part, ex);
			}
			throw (RuntimeException) ex;
		}
		int before = this.parts;
		this.parts = number;
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new DiscardOnRollback(number, before));
		}
	}

	/**
	 * Assembles the parts, in order, into the staging file, which replaces any older one,
	 * and deletes the parts. Does nothing if the file is already complete.
	 * @throws ItemStreamException if a part cannot be read or the file written or moved
	 * into place
	 */
	public void complete() {
		checkOpen();
		if (this.assembled) {
			return;
		}
		Path temporary = assembling();
		Path current = temporary;
		try {
			if (this.parts == 0) {
				newWriter(temporary).close();
			}
			else {
				ParquetMetadata first;
				current = part(1);
				try (ParquetFileReader reader = ParquetFileReader
					.open(FileSystemFiles.input(this.fileSystem, current))) {
					first = reader.getFooter();
				}
				current = temporary;
				try (ParquetFileWriter writer = new ParquetFileWriter(
						FileSystemFiles.output(this.fileSystem, temporary), first.getFileMetaData().getSchema(),
						ParquetFileWriter.Mode.OVERWRITE, ParquetWriter.DEFAULT_BLOCK_SIZE, 0)) {
					writer.start();
					for (int number = 1; number <= this.parts; number++) {
						current = part(number);
						writer.appendFile(FileSystemFiles.input(this.fileSystem, current));
					}
					current = temporary;
					// the Avro schema and object model the parts were written with
					writer.end(first.getFileMetaData().getKeyValueMetaData());
				}
			}
			current = this.file;
			replace(temporary, this.file);
			current = this.partsFolder;
			retireParts();
		}
		catch (IOException | RuntimeException ex) {
			deleteQuietly(temporary, ex);
			if (ex instanceof IOException) {
				throw new ItemStreamException("Could not complete the staging file " + this.file + " at " + current,
						ex);
			}
			throw (RuntimeException) ex;
		}
		this.assembled = true;
	}

	/**
	 * Completes the staging file of {@code entity} for {@code date} if parts of it are
	 * left: for a step that Spring Batch recorded COMPLETED but whose process died while
	 * {@link #afterStep} assembled the file (Spring Batch 6 saves a step's status before
	 * it calls {@code afterStep}, so such a step is never run again). Call it after the
	 * step, for instance from the next step of the flow. Once a step completed, its parts
	 * folder holds exactly its committed parts: no chunk runs after the last commit, and
	 * a rolled back chunk's part is deleted with the rollback.
	 * @return whether leftover parts were assembled
	 */
	public static boolean completeUnfinished(StagingLocation location, LocalDate date, Entity entity) {
		ParquetStagingWriter writer = new ParquetStagingWriter(location, date, entity);
		int parts;
		try (FileSystem fileSystem = location.fileSystem()) {
			// the retired parts of an assembled file whose process died deleting them
			if (fileSystem.exists(writer.retired())) {
				fileSystem.delete(writer.retired(), true);
			}
			if (!fileSystem.exists(writer.partsFolder())) {
				return false;
			}
			parts = 0;
			for (FileStatus status : fileSystem.listStatus(writer.partsFolder())) {
				if (PART.matcher(status.getPath().getName()).matches()) {
					parts++;
				}
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("Could not look for unfinished parts in " + writer.partsFolder(), ex);
		}
		ExecutionContext context = new ExecutionContext();
		context.putInt(writer.getExecutionContextKey(PARTS_KEY), parts);
		writer.open(context);
		try {
			writer.complete();
		}
		finally {
			writer.close();
		}
		return true;
	}

	/**
	 * Completes the file if the step completed; otherwise leaves the committed parts for
	 * a restart. A failed completion fails the step (see the class description).
	 */
	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.COMPLETED) {
			return null;
		}
		try {
			complete();
			return null;
		}
		catch (RuntimeException ex) {
			stepExecution.setStatus(BatchStatus.FAILED);
			stepExecution.addFailureException(ex);
			return ExitStatus.FAILED.addExitDescription(ex);
		}
	}

	@Override
	public void close() throws ItemStreamException {
		if (this.codecs != null) {
			this.codecs.release();
			this.codecs = null;
		}
		if (this.fileSystem != null) {
			try {
				this.fileSystem.close();
			}
			catch (IOException ex) {
				throw new ItemStreamException("Could not close the file system of " + this.location, ex);
			}
			finally {
				this.fileSystem = null;
			}
		}
	}

	/** Where {@link #complete()} writes the file before renaming it into place. */
	private Path assembling() {
		return new Path(this.file.getParent(), "." + this.file.getName() + ".inprogress");
	}

	/** Where the parts folder goes once the file is assembled, to be deleted. */
	private Path retired() {
		return new Path(this.file.getParent(), "." + this.partsFolder.getName() + ".done");
	}

	/**
	 * Removes the parts folder of an assembled file: renamed first, in one step, then
	 * deleted. A process that dies while the parts are deleted must not leave a parts
	 * folder with some of them gone, which {@link #completeUnfinished} would take for the
	 * parts of a file still to assemble (assembling fewer rows over the complete file).
	 * What the rename leaves is deleted by the next writer of the entity.
	 */
	private void retireParts() throws IOException {
		deleteRetired();
		if (this.fileSystem.exists(this.partsFolder)) {
			if (!this.fileSystem.rename(this.partsFolder, retired())) {
				throw new IOException("Could not rename " + this.partsFolder + " to " + retired());
			}
			try {
				deleteRetired();
			}
			catch (IOException ex) {
				// the file is complete; the next writer of the entity deletes them
				log.warn("Could not delete the parts of {} yet: {}", this.file, ex.getMessage());
			}
		}
	}

	private void deleteRetired() throws IOException {
		if (this.fileSystem.exists(retired())) {
			delete(retired(), true);
		}
	}

	Path part(int number) {
		return new Path(this.partsFolder, String.format(Locale.ROOT, "part-%05d.parquet", number));
	}

	private ParquetWriter<GenericRecord> newWriter(Path path) throws IOException {
		AvroParquetWriter.Builder<GenericRecord> builder = AvroParquetWriter
			.<GenericRecord>builder(FileSystemFiles.output(this.fileSystem, path))
			.withSchema(this.schema)
			.withDataModel(GenericData.get())
			.withConf(this.configuration)
			.withCompressionCodec(this.compressionCodec)
			.withCodecFactory(new KeptOpen(this.codecs))
			.withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
			// no dictionary: a part is one chunk, too few rows for one to pay; without,
			// the day's staged rows encode in about 30% less time and ZSTD makes the
			// files 8% smaller (docs/benchmark.md)
			.withDictionaryEncoding(false);
		return builder.build();
	}

	/**
	 * Renames {@code source} to {@code target}, replacing it: in one step where the file
	 * system's rename replaces files (local, POSIX), by delete and rename where it
	 * refuses to (HDFS, object stores).
	 */
	private void replace(Path source, Path target) throws IOException {
		if (this.fileSystem.exists(target) && this.fileSystem.getFileStatus(target).isDirectory()) {
			throw new IOException(target + " is a directory");
		}
		if (this.fileSystem.rename(source, target)) {
			return;
		}
		if (this.fileSystem.exists(target)) {
			delete(target, false);
			if (this.fileSystem.rename(source, target)) {
				return;
			}
		}
		throw new IOException("Could not rename " + source + " to " + target);
	}

	private void delete(Path path, boolean recursive) throws IOException {
		if (!this.fileSystem.delete(path, recursive) && this.fileSystem.exists(path)) {
			throw new IOException("Could not delete " + path);
		}
	}

	private void deleteQuietly(Path path, Exception failure) {
		try {
			this.fileSystem.delete(path, false);
		}
		catch (IOException | RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private void checkOpen() {
		if (this.fileSystem == null) {
			throw new IllegalStateException(getName() + " is not open");
		}
	}

	/**
	 * The writer's codecs as one part's writer sees them: closing that writer releases
	 * nothing, the staging writer's {@link #close()} does.
	 */
	private record KeptOpen(CompressionCodecFactory codecs) implements CompressionCodecFactory {

		@Override
		public BytesInputCompressor getCompressor(CompressionCodecName codecName) {
			return this.codecs.getCompressor(codecName);
		}

		@Override
		public BytesInputCompressor getCompressor(CompressionCodecName codecName, int level) {
			return this.codecs.getCompressor(codecName, level);
		}

		@Override
		public BytesInputDecompressor getDecompressor(CompressionCodecName codecName) {
			return this.codecs.getDecompressor(codecName);
		}

		@Override
		public void release() {
		}

	}

	/**
	 * Forgets, and deletes, a part whose chunk was rolled back, so the next chunk takes
	 * its number. Should the delete fail, the part is still never assembled: only parts
	 * up to the count are, the next chunk overwrites it, and the next open deletes it.
	 */
	private final class DiscardOnRollback implements TransactionSynchronization {

		private final int number;

		private final int before;

		DiscardOnRollback(int number, int before) {
			this.number = number;
			this.before = before;
		}

		@Override
		public void afterCompletion(int status) {
			if (status != STATUS_ROLLED_BACK) {
				return;
			}
			ParquetStagingWriter.this.parts = Math.min(ParquetStagingWriter.this.parts, this.before);
			if (ParquetStagingWriter.this.fileSystem != null) {
				try {
					delete(part(this.number), false);
				}
				catch (IOException ex) {
					throw new ItemStreamException("Could not delete the rolled back part " + part(this.number), ex);
				}
			}
		}

	}

}
