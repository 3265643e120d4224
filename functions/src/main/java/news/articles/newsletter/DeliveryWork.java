package news.articles.newsletter;

/** One message of the delivery queue: a batch of recipients to send to, or a page of the fan-out to enqueue. */
public sealed interface DeliveryWork permits DeliveryBatch, FanOutPage {

    /** The edition the work is for. */
    EditionId edition();
}
