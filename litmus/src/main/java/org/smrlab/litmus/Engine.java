package org.smrlab.litmus;

import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;
import org.smrlab.smr.Spec;
import org.smrlab.smr.engine.Births;
import org.smrlab.smr.engine.EngineType;
import org.smrlab.smr.engine.KnobValues;

/**
 * One engine spec, parsed once, building a fresh domain for every jcstress state.
 *
 * <p>jcstress allocates many state objects (thousands per stride); each gets its own domain, so
 * tests never see each other's records. Parsing the spec once keeps a domain's creation down to
 * its constructor. Only engines without helper threads are built this way (gus-lazy starts a
 * ticker per domain, so its read-side pair is tested on the primitives it uses: see
 * {@code holds.LazyEnterVsMembarrier}). Domains are never closed: nothing they hold needs it, and
 * the garbage collector takes them with the state.
 */
public final class Engine {
    private final EngineType type;
    private final KnobValues config;

    private Engine(String spec) {
        Spec parsed = Spec.parse(spec);
        this.type = Engines.type(parsed.engine());
        this.config = type.configure(parsed);
    }

    public static Engine of(String spec) {
        return new Engine(spec);
    }

    /** A new domain whose free function poisons the node. */
    public Reclaimer<Node> create() {
        return type.factory().create(config, Node::free);
    }

    /** The write side of a session (every engine tested through it implements GracePeriods). */
    public static GracePeriods grace(Session<Node> s) {
        return (GracePeriods) s;
    }

    /**
     * A node allocated through {@code s}: stamped as the pool stamps every node it hands out, when the
     * engine wants births (ibr, he, localcount; see {@code Births}).
     */
    @SuppressWarnings("unchecked")
    public static Node born(Session<Node> s, int id) {
        Node n = new Node(id);
        if (s instanceof Births) {
            ((Births<Node>) s).born(n);
        }
        return n;
    }
}
