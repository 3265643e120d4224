package news.articles.article;

/** Whether an article may be shown to readers at all. */
public enum ArticleStatus {
    DRAFT,
    PUBLISHED
}
