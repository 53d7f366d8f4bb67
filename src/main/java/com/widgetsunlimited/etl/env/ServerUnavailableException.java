package com.widgetsunlimited.etl.env;

/**
 * A configured server that did not answer: the message names its role (warehouse,
 * in-store, e-commerce broker), its address and the driver's or client's reason. Running
 * again later may succeed.
 */
public class ServerUnavailableException extends IllegalStateException {

	public ServerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
