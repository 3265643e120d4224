package news.articles.localstack.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RuntimePlatformTest {

    @Test
    void linuxMachinesGetTheClientsLibraryForTheirArchitectureAndLibc() {
        assertEquals(Optional.of("libaws-lambda-jni.linux-x86_64.so"), RuntimePlatform.jniLibrary("Linux", "amd64", false));
        assertEquals(Optional.of("libaws-lambda-jni.linux-aarch_64.so"), RuntimePlatform.jniLibrary("Linux", "aarch64", false));
        assertEquals(Optional.of("libaws-lambda-jni.linux_musl-x86_64.so"), RuntimePlatform.jniLibrary("Linux", "amd64", true));
        assertEquals(Optional.of("libaws-lambda-jni.linux_musl-aarch_64.so"), RuntimePlatform.jniLibrary("Linux", "aarch64", true));
    }

    @Test
    void otherMachinesHaveNone() {
        assertEquals(Optional.empty(), RuntimePlatform.jniLibrary("Mac OS X", "aarch64", false));
        assertEquals(Optional.empty(), RuntimePlatform.jniLibrary("Windows 11", "amd64", false));
        assertEquals(Optional.empty(), RuntimePlatform.jniLibrary("Linux", "s390x", false));
    }
}
