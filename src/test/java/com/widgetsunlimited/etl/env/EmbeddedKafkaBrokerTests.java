package com.widgetsunlimited.etl.env;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedKafkaBrokerTests {

	@Test
	void freePorts_areDistinct_andFreeOnceTheyAreHandedOut() throws IOException {
		for (int round = 0; round < 50; round++) {
			// when
			int[] ports = EmbeddedKafkaBroker.freePorts(8);

			// then: no port twice, and each can be bound by the broker
			assertThat(Arrays.stream(ports).distinct().count()).as(Arrays.toString(ports)).isEqualTo(8);
			for (int port : ports) {
				try (ServerSocket listener = new ServerSocket(port, 0, InetAddress.getLoopbackAddress())) {
					assertThat(listener.getLocalPort()).isEqualTo(port);
				}
			}
		}
	}

}
