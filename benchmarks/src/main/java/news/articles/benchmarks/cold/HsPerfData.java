package news.articles.benchmarks.cold;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a HotSpot JVM's performance counters from its {@code /tmp/hsperfdata_<user>/<pid>} file,
 * which every JVM keeps up to date anyway ({@code -XX:+UsePerfData}, the default): the same source
 * as {@code jstat}, without attaching to the JVM or changing what it does.
 *
 * <p>Layout: src/hotspot/share/runtime/perfMemory.hpp (PerfDataPrologue, PerfDataEntry).
 */
final class HsPerfData {

    private static final int MAGIC = 0xcafec0c0;
    private static final byte TYPE_LONG = 'J';

    private HsPerfData() {
    }

    /** The loaded classes so far: those from the CDS archive and the others ({@code jstat -class}'s "Loaded"). */
    static OptionalLong loadedClasses(long pid) {
        Map<String, Long> counters = longCounters(pid);
        Long loaded = counters.get("java.cls.loadedClasses");
        Long shared = counters.get("java.cls.sharedLoadedClasses");
        return loaded == null ? OptionalLong.empty() : OptionalLong.of(loaded + (shared == null ? 0 : shared));
    }

    static Map<String, Long> longCounters(long pid) {
        Path file = Path.of(System.getProperty("java.io.tmpdir", "/tmp"), "hsperfdata_" + System.getProperty("user.name"),
                Long.toString(pid));
        if (!Files.isRegularFile(file)) {
            file = Path.of("/tmp", "hsperfdata_" + System.getProperty("user.name"), Long.toString(pid));
        }
        Map<String, Long> counters = new HashMap<>();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return counters;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (bytes.length < 32 || buffer.getInt(0) != MAGIC) {
            return counters;
        }
        buffer.order(bytes[4] == 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int entryOffset = buffer.getInt(24);
        int entries = buffer.getInt(28);
        int start = entryOffset;
        for (int i = 0; i < entries && start + 20 <= bytes.length; i++) {
            int length = buffer.getInt(start);
            int nameOffset = buffer.getInt(start + 4);
            int vectorLength = buffer.getInt(start + 8);
            byte type = buffer.get(start + 12);
            int dataOffset = buffer.getInt(start + 16);
            if (length <= 0) {
                break;
            }
            if (type == TYPE_LONG && vectorLength == 0) {
                int nameStart = start + nameOffset;
                int nameEnd = nameStart;
                while (nameEnd < bytes.length && bytes[nameEnd] != 0) {
                    nameEnd++;
                }
                counters.put(new String(bytes, nameStart, nameEnd - nameStart, StandardCharsets.US_ASCII),
                        buffer.getLong(start + dataOffset));
            }
            start += length;
        }
        return counters;
    }
}
