package dev.hafs.exporter.testing;

import dev.hafs.exporter.parse.MalformedSourceException;
import dev.hafs.exporter.parse.ParseResult;
import dev.hafs.exporter.parse.SourceParser;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A real parser with a fault that a test can switch on and off: while set, every parse reads a
 * little of the file and then throws the fault (an Error, a bug's RuntimeException), as a parse that
 * runs out of memory or trips on a bug does.
 */
public final class FaultyParser implements SourceParser {
    private final SourceParser real;
    private final AtomicReference<Supplier<Throwable>> fault = new AtomicReference<>();
    private final AtomicInteger calls = new AtomicInteger();

    public FaultyParser(SourceParser real) {
        this.real = real;
    }

    public void fail(Supplier<Throwable> fault) {
        this.fault.set(fault);
    }

    public void heal() {
        fault.set(null);
    }

    public AtomicInteger calls() {
        return calls;
    }

    @Override
    public ParseResult parse(InputStream in) throws IOException, MalformedSourceException {
        calls.incrementAndGet();
        Supplier<Throwable> failure = fault.get();
        if (failure != null) {
            in.readNBytes(100);
            throw FaultyParser.<RuntimeException>sneaky(failure.get());
        }
        return real.parse(in);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> T sneaky(Throwable error) throws T {
        throw (T) error;
    }
}
