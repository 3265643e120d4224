package news.articles.tools.template;

/** The template cannot be read, or does not have the shape a tool needs; the message names the place. */
public class TemplateException extends RuntimeException {

    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
