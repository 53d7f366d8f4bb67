package com.widgetsunlimited.etl.env;

/**
 * A setting whose value cannot be used, found before anything was started: the message is
 * {@code property=value: reason}.
 */
public class InvalidSettingException extends IllegalArgumentException {

	public InvalidSettingException(String property, String value, String reason) {
		super(property + "=" + value + ": " + reason);
	}

	public InvalidSettingException(String property, String value, String reason, Throwable cause) {
		super(property + "=" + value + ": " + reason, cause);
	}

}
