package org.smrlab.smr.engine;

import java.util.concurrent.atomic.AtomicLong;

/** A test node with an engine word, as every pooled node has ({@link SmrHeader}). */
final class HeaderNode implements SmrHeader {
    private final AtomicLong header = new AtomicLong();
    final String label;

    HeaderNode(String label) {
        this.label = label;
    }

    @Override
    public long smrHeader() {
        return header.get();
    }

    @Override
    public void smrHeader(long word) {
        header.set(word);
    }

    @Override
    public boolean casSmrHeader(long expect, long update) {
        return header.compareAndSet(expect, update);
    }

    @Override
    public String toString() {
        return label;
    }
}
