package org.smrlab.bench.lab;

import java.util.List;

/**
 * A named list of {@link Entry entries}: what {@code scripts/lab NAME} runs.
 *
 * @param name     the command-line name
 * @param summary  one line for --help and the dry run
 * @param entries  the lines of the table
 */
public record Profile(String name, String summary, List<Entry> entries) {
    public Profile {
        entries = List.copyOf(entries);
    }
}
