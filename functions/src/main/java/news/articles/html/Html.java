package news.articles.html;

/** Escaping for text placed in HTML, shared by the pages the API serves and the emails it sends. */
public final class Html {

    private Html() {
    }

    /** The text with the five characters that are markup in HTML (in content and in quoted attributes) escaped. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
