package com.widgetsunlimited.etl.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import org.springframework.util.FileSystemUtils;

/**
 * Debian's Chromium, headless, driven through its ChromeDriver (packages {@code chromium}
 * and {@code chromium-driver}, found on the PATH; {@code .ci/services} installs them):
 * what a person opening a page would see. Without them a test fails in CI and is skipped
 * elsewhere, with a message saying what to install. Started with no network of its own:
 * no sync, no component updates, no background requests.
 */
public final class HeadlessChromium implements AutoCloseable {

	private final ChromeDriver driver;

	private final Path profile;

	private HeadlessChromium(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	public static HeadlessChromium start() throws IOException {
		Optional<Path> browser = onPath("chromium").or(() -> onPath("chromium-browser"));
		Optional<Path> chromedriver = onPath("chromedriver");
		if (browser.isEmpty() || chromedriver.isEmpty()) {
			String message = "headless Chromium is needed: apt-get install chromium chromium-driver";
			if (TestDatabases.inCi()) {
				Assertions.fail(message);
			}
			Assumptions.abort(message);
		}
		Path profile = Files.createTempDirectory("etl-chromium");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.get().toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
				"--disable-background-networking", "--disable-component-update", "--disable-sync",
				"--window-size=1280,1600", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder()
			.usingDriverExecutable(chromedriver.get().toFile())
			.usingAnyFreePort()
			.build();
		return new HeadlessChromium(new ChromeDriver(service, options), profile);
	}

	/** Opens a local file and returns the browser showing it. */
	public WebDriver open(Path file) {
		this.driver.get(file.toUri().toString());
		return this.driver;
	}

	@Override
	public void close() {
		this.driver.quit();
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

	private static Optional<Path> onPath(String command) {
		return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((folder) -> !folder.isEmpty())
			.map((folder) -> Path.of(folder, command))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
