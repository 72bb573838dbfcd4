package dev.hafs.exporter.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * The processes this exporter can see, from Linux's {@code /proc}: whether a pid exists, its state
 * (a zombie has exited and only waits for its parent), and when it started. Only the exporter's own
 * pid namespace is visible: in a container without the host's pid namespace, the pids HAFS records
 * name nothing (or something else).
 */
public final class ProcessTable {
    /**
     * USER_HZ, the unit of the start time in /proc/PID/stat: 100 on every architecture the JDK runs
     * on (x86, ARM, POWER, s390, RISC-V); Java has no call for sysconf(_SC_CLK_TCK).
     */
    static final long TICKS_PER_SECOND = 100;
    /** /proc/PID/stat's fields after "pid (comm) ": state is the 3rd field, starttime the 22nd. */
    private static final int STATE = 0;
    private static final int START_TIME = 19;

    private final Path proc;

    public ProcessTable() {
        this(Path.of("/proc"));
    }

    /** Processes as a /proc mounted elsewhere shows them (or a directory that is none, where there is no /proc). */
    public ProcessTable(Path proc) {
        this.proc = proc;
    }

    /** One process as /proc shows it; {@code started} is absent when the boot time cannot be read. */
    public record Entry(char state, Optional<Instant> started) {
        /** A zombie (Z) or dead (X) process has exited: it runs nothing. */
        public boolean exited() {
            return state == 'Z' || state == 'X' || state == 'x';
        }
    }

    /** False where there is no /proc to look at (not Linux, or /proc hidden): pids cannot be checked. */
    public boolean available() {
        return Files.isReadable(proc.resolve("self").resolve("stat"));
    }

    /** The process of that pid; empty when there is none (or it is hidden from this user). */
    public Optional<Entry> lookup(long pid) throws IOException {
        String stat;
        try {
            stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.UTF_8);
        } catch (NoSuchFileException | AccessDeniedException e) {
            return Optional.empty();
        }
        // The command name is in parentheses and may itself hold spaces and parentheses.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        if (fields.length <= START_TIME || fields[STATE].length() != 1) {
            throw new IOException("unexpected format of /proc/" + pid + "/stat");
        }
        long ticks = Long.parseLong(fields[START_TIME]);
        Optional<Instant> started = bootTime().map(boot -> boot.plusMillis(ticks * 1000 / TICKS_PER_SECOND));
        return Optional.of(new Entry(fields[STATE].charAt(0), started));
    }

    /** When the machine booted, as the kernel computes it now (btime in /proc/stat, whole seconds). */
    private Optional<Instant> bootTime() throws IOException {
        try {
            for (String line : Files.readAllLines(proc.resolve("stat"), StandardCharsets.UTF_8)) {
                if (line.startsWith("btime ")) {
                    return Optional.of(Instant.ofEpochSecond(Long.parseLong(line.substring(6).trim())));
                }
            }
        } catch (NoSuchFileException | AccessDeniedException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
