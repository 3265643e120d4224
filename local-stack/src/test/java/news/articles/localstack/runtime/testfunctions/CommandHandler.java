package news.articles.localstack.runtime.testfunctions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * Does what the event says, one command a line: {@code pid}, {@code sleep <ms>}, {@code throw
 * <message>}, {@code exit <status>}, {@code print}, {@code env}, {@code jvm}, {@code spawn} (a
 * child process that outlives the invocation) or {@code big <bytes>}. Answers in plain text.
 */
public final class CommandHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String[] command = new String(input.readAllBytes(), StandardCharsets.UTF_8).trim().split(" ", 2);
        String argument = command.length > 1 ? command[1] : "";
        String answer;
        switch (command[0]) {
            case "pid" -> answer = pid();
            case "sleep" -> {
                try {
                    Thread.sleep(Long.parseLong(argument));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                answer = pid();
            }
            case "throw" -> throw new IllegalStateException(argument);
            case "exit" -> {
                System.exit(Integer.parseInt(argument));
                answer = "unreachable";
            }
            case "print" -> {
                System.out.println("to stdout");
                System.err.println("to stderr");
                context.getLogger().log("to the Lambda logger\n");
                answer = "printed";
            }
            case "env" -> {
                StringBuilder variables = new StringBuilder();
                new TreeMap<>(System.getenv()).forEach((name, value) -> variables.append(name).append('=').append(value).append('\n'));
                answer = variables.toString();
            }
            case "jvm" -> answer = String.join("\n", ManagementFactory.getRuntimeMXBean().getInputArguments())
                    + "\nuser.dir=" + System.getProperty("user.dir")
                    + "\nfunction=" + context.getFunctionName() + "\narn=" + context.getInvokedFunctionArn()
                    + "\nmemory=" + context.getMemoryLimitInMB() + "\nremaining=" + context.getRemainingTimeInMillis();
            case "spawn" -> answer = "pid=" + new ProcessBuilder("sleep", "300").start().pid();
            case "big" -> {
                byte[] big = new byte[Integer.parseInt(argument)];
                Arrays.fill(big, (byte) 'x');
                output.write(big);
                return;
            }
            default -> throw new IllegalArgumentException("unknown command " + command[0]);
        }
        output.write(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String pid() {
        return "pid=" + ProcessHandle.current().pid();
    }
}
