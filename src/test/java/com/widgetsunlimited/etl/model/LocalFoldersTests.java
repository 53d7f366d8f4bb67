package com.widgetsunlimited.etl.model;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalFoldersTests {

	@Test
	void pathsAndFileUris_encodedOrNot_nameTheSameFolder() {
		assertThat(LocalFolders.of("./data")).isEqualTo(Path.of("./data"));
		assertThat(LocalFolders.of("/srv/etl data")).isEqualTo(Path.of("/srv/etl data"));
		assertThat(LocalFolders.of("file:///srv/etl%20data")).isEqualTo(Path.of("/srv/etl data"));
		assertThat(LocalFolders.of("file:///srv/etl data")).isEqualTo(Path.of("/srv/etl data"));
		assertThat(LocalFolders.of("file:/srv/etl data/")).isEqualTo(Path.of("/srv/etl data"));
		assertThat(LocalFolders.of("FILE://localhost/srv/d\u00e4ta")).isEqualTo(Path.of("/srv/d\u00e4ta"));
		assertThat(LocalFolders.of("file:data")).isEqualTo(Path.of("data"));
	}

	@Test
	void aFileUriOfAnotherHost_isRefused() {
		assertThatThrownBy(() -> LocalFolders.of("file://fileserver/srv/data")).hasMessage(
				"file://fileserver/srv/data names the host fileserver: a file: URI here must name a local " + "folder");
	}

}
