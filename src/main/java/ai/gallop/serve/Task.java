package ai.gallop.serve;

/**
 * One row of the task queue.
 *
 * @param api the API that submitted it: "openai", "dashscope" or "arena" (arena tasks stay out of the video APIs)
 * @param model the model name the caller asked for
 * @param generator the hosted generator that serves it
 * @param createdAt seconds since the epoch, like the times of every API shape
 * @param inferenceSeconds wall time of the generation and the file writing, once finished
 */
public record Task(long seq, String id, String api, String model, String generator, TaskStatus status, int progress,
                   TaskInput input, long createdAt, Long startedAt, Long completedAt, String errorCode,
                   String errorMessage, Double inferenceSeconds, int attempts, boolean cancelRequested) {
    public boolean hidden() { return "arena".equals(api); }
}
