package news.articles.benchmarks.cold;

import java.io.IOException;

/**
 * The floor: a trivial program. It says hello, its "first response", then waits on stdin so that
 * the harness can read its CPU time, classes and memory before killing it, as it does a function.
 */
public final class Hello {

    private Hello() {
    }

    public static void main(String[] args) throws IOException {
        System.out.println("hello");
        System.out.flush();
        System.in.read();
    }
}
