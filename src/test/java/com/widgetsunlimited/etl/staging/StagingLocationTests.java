package com.widgetsunlimited.etl.staging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.stream.Stream;

import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.widgetsunlimited.etl.model.Entity;
import com.widgetsunlimited.etl.model.Source;

import static org.assertj.core.api.Assertions.assertThat;

class StagingLocationTests {

	private static final LocalDate DAY = LocalDate.of(2024, 1, 1);

	@TempDir
	java.nio.file.Path folder;

	@Test
	void relativePath_isResolvedAgainstTheWorkingDirectory() {
		// given
		java.nio.file.Path expected = java.nio.file.Path.of("staging").toAbsolutePath();

		// when
		StagingLocation location = new StagingLocation("./staging");

		// then
		assertThat(location.root().toUri().getScheme()).isEqualTo("file");
		assertThat(java.nio.file.Path.of(location.root().toUri())).isEqualTo(expected);
		assertThat(new StagingLocation("file:./staging").root()).isEqualTo(location.root());
	}

	@Test
	void entityFile_isDateThenSourceThenEntity() {
		// given
		StagingLocation location = new StagingLocation(this.folder.toString());

		// when
		Path file = location.entityFile(DAY, Entity.CUSTOMER_ADDRESS);

		// then
		assertThat(java.nio.file.Path.of(file.toUri()))
			.isEqualTo(this.folder.resolve("2024-01-01/ecommerce/customer_address.parquet"));
		assertThat(location.sourceFolder(DAY, Source.ECOMMERCE)).isEqualTo(file.getParent());
	}

	@Test
	void fileUris_encodedOrNot_nameTheLocalFolder() {
		StagingLocation encoded = new StagingLocation("file:///var/etl/stg%20dir");
		StagingLocation plain = new StagingLocation("file:///var/etl/stg dir");
		assertThat(plain.root()).isEqualTo(encoded.root());
		assertThat(java.nio.file.Path.of(plain.root().toUri())).isEqualTo(java.nio.file.Path.of("/var/etl/stg dir"));
	}

	@Test
	void uris_keepTheirSchemeAndAuthority() {
		assertThat(new StagingLocation("hdfs://namenode:8020/etl/staging").entityFile(DAY, Entity.PRODUCT))
			.hasToString("hdfs://namenode:8020/etl/staging/2024-01-01/inventory/product.parquet");
		assertThat(new StagingLocation("s3a://widgets-staging/").entityFile(DAY, Entity.STORE_SALES))
			.hasToString("s3a://widgets-staging/2024-01-01/instore/store_sales.parquet");
		assertThat(new StagingLocation("file:///var/etl/staging").sourceFolder(DAY, Source.INSTORE))
			.hasToString("file:/var/etl/staging/2024-01-01/instore");
	}

	@Test
	void localFileSystem_writesNoChecksumFiles() throws IOException {
		// given
		StagingLocation location = new StagingLocation(this.folder.toUri().toString());

		// when
		try (FileSystem fileSystem = location.fileSystem();
				FSDataOutputStream out = fileSystem.create(new Path(location.root(), "a/b.txt"))) {
			out.writeUTF("staged");
			assertThat(fileSystem).isInstanceOf(RawLocalFileSystem.class);
		}

		// then
		try (Stream<java.nio.file.Path> files = Files.walk(this.folder)) {
			assertThat(files.filter(Files::isRegularFile).map((file) -> this.folder.relativize(file).toString()))
				.containsExactly("a/b.txt".replace('/', java.io.File.separatorChar));
		}
	}

	@Test
	void localFileSystem_givesNewFilesTheUsualPermissions() throws IOException {
		// given
		StagingLocation location = new StagingLocation(this.folder.toString());
		Path file = new Path(location.root(), "a/b.txt");

		// when
		try (FileSystem fileSystem = location.fileSystem()) {
			fileSystem.create(file, true).close();
		}

		// then: Hadoop's default umask is 022
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.folder.resolve("a/b.txt"))))
			.isEqualTo("rw-r--r--");
	}

	@Test
	void fileSystem_isANewInstanceEachTime() throws IOException {
		// given
		StagingLocation location = new StagingLocation(this.folder.toString());

		// when
		try (FileSystem first = location.fileSystem(); FileSystem second = location.fileSystem()) {
			// then
			assertThat(first).isNotSameAs(second);
			first.close();
			assertThat(second.exists(location.root())).isTrue();
		}
	}

}
