package org.smrlab.smr.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.smrlab.smr.Engines;
import org.smrlab.smr.GracePeriods;
import org.smrlab.smr.Reclaimer;
import org.smrlab.smr.Session;

/**
 * The catalogue's facts about each engine are what the engine does: every tool that reads them
 * (checked mode, torture, the lab's plan, the reports) trusts them instead of the engine's name.
 */
class EngineFactsTest {

    static Stream<String> engines() {
        return Engines.names().stream();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void writeSideMeansSessionsAreGracePeriods(String name) {
        try (Reclaimer<Object> r = Engines.create(name, o -> { })) {
            Session<Object> s = r.join();
            assertThat(s instanceof GracePeriods).as(name).isEqualTo(Engines.type(name).hasWriteSide());
            s.close();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void neverFreesMeansNothingIsFreedEvenAtClose(String name) {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create(name + ":batch=1", o -> freed.incrementAndGet())) {
            Session<Object> s = r.join();
            for (int i = 0; i < 10; i++) {
                s.retire(new Object());
            }
            s.close();
        }
        assertThat(freed.get() == 0).as(name).isEqualTo(Engines.type(name).neverFrees());
    }

    @ParameterizedTest
    @MethodSource("engines")
    void unsafeByDesignMeansAReaderInsideASectionSeesItsNodeFreed(String name) throws Exception {
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create(name + ":batch=1", o -> freed.incrementAndGet())) {
            AtomicReference<Object> link = new AtomicReference<>(new Object());
            Session<Object> reader = r.join();
            reader.enter();
            reader.protect(0, link); // the reader holds the node: no safe engine may free it now
            List<Throwable> fault = new ArrayList<>();
            Thread writer = new Thread(() -> {
                Session<Object> w = r.join();
                w.retire(link.getAndSet(null)); // unlinked, then retired
                w.flush();
                w.close();
            });
            if (!Engines.type(name).retireBlocks()) { // a blocking retire would wait for this reader
                writer.setUncaughtExceptionHandler((t, e) -> fault.add(e));
                writer.start();
                writer.join(10_000);
                assertThat(fault).isEmpty();
                assertThat(freed.get() > 0).as(name + ": freed while a reader was inside its section")
                        .isEqualTo(Engines.type(name).unsafeByDesign());
            }
            reader.exit();
            reader.close();
            writer.join(10_000);
        }
    }

    /** A reader inside a section that loaded nothing: per-load engines free what is retired meanwhile, the others keep it. */
    @ParameterizedTest
    @MethodSource("engines")
    void protectionPerLoadMeansAnEmptySectionHoldsNothingBack(String name) throws Exception {
        EngineType t = Engines.type(name);
        if (t.neverFrees() || (t.retireBlocks() && !t.protectionPerLoad())) {
            return; // never frees; or a retire that waits for every section (pserialize, rwlock) would wait for this one
        }
        AtomicLong freed = new AtomicLong();
        try (Reclaimer<Object> r = Engines.create(name + ":batch=1", o -> freed.incrementAndGet());
             Actor reader = new Actor("reader")) {
            Session<Object> rs = reader.call(r::join);
            reader.run(rs::enter); // and stays inside, loading nothing
            Session<Object> w = r.join();
            for (int i = 0; i < 10; i++) {
                w.retire(new Object());
                w.quiescent();
            }
            for (int i = 0; i < 5; i++) {
                w.flush(); // polls drive what must be driven (pserialize-based grace periods, lazy ticks)
                Thread.sleep(2);
            }
            assertThat(freed.get() > 0).as(name + ": freed behind a reader whose section loaded nothing")
                    .isEqualTo(t.protectionPerLoad() || t.unsafeByDesign());
            w.close();
            reader.run(() -> {
                rs.exit();
                rs.close();
            });
        }
    }

    /** Sections that may sleep do not count as non-sleepable sections in checked mode. */
    @ParameterizedTest
    @MethodSource("engines")
    void sectionsMaySleepMeansCheckedModeLetsTheThreadBlockInside(String name) {
        try (Reclaimer<Object> r = Engines.create(name + ":checked=true", o -> { })) {
            Session<Object> s = r.join();
            s.enter();
            assertThat(org.smrlab.smr.checked.Sleepable.depth() == 0).as(name).isEqualTo(Engines.type(name).sectionsMaySleep());
            s.exit();
            s.close();
        }
    }

    @ParameterizedTest
    @MethodSource("engines")
    void defaultKnobsAreTheCanonicalSpecOfTheBareName(String name) {
        EngineType t = Engines.type(name);
        StringBuilder b = new StringBuilder(name);
        char sep = ':';
        for (Map.Entry<String, String> k : t.defaultKnobs().entrySet()) {
            if (!k.getKey().equals(EngineType.CHECKED) && !(k.getKey().equals(Knob.SEAL) && k.getValue().equals("0"))) { // off: left out
                b.append(sep).append(k.getKey()).append('=').append(k.getValue());
                sep = ',';
            }
        }
        assertThat(Engines.canonical(name)).isEqualTo(b.toString());
        assertThat(t.defaultKnobs()).containsEntry(EngineType.CHECKED, "false");
        assertThat(t.summary()).isNotBlank();
        assertThat(t.models()).isNotBlank();
    }
}
