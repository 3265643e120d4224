package news.articles.config;

/** The function's configuration is unusable; raised at start-up, before any request. */
public final class ConfigurationException extends RuntimeException {

    public ConfigurationException(String message) {
        super(message);
    }
}
