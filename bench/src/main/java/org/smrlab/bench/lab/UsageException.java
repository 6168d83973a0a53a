package org.smrlab.bench.lab;

/** A bad command line: the lab prints the message (which lists what is valid) and exits 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
