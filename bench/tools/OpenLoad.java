import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * A constant-rate (open-loop) load generator for POST /webhooks/generic, loopback only: the i-th request is due at
 * {@code start + i / rate} whether or not earlier ones were answered, and its latency is measured from when it was due,
 * not from when a free connection sent it, so a stall shows in the percentiles instead of slowing the load down
 * (coordinated omission, as wrk2 corrects it; wrk itself is a closed loop). Latencies go to an HdrHistogram.
 *
 * <p>{@code java -cp 'app/target/lib/*' bench/tools/OpenLoad.java URL RATE SECONDS [WARMUP_SECONDS=10] [CONNECTIONS=128]}
 * with {@code BENCH_TOKEN} and {@code BENCH_RUN} in the environment (the bearer token, and a run name that keeps event ids
 * unique across runs). Each request is the same ~600-byte body as {@code bench/generic.lua}, with unique ids. Bounded:
 * it sends {@code RATE * (WARMUP + SECONDS)} requests, then waits at most 30 s for the last answers.
 */
public final class OpenLoad {

    private static final String TEMPLATE = "{\"eventId\":\"%s\",\"type\":\"confirmed\",\"occurredAt\":\"2026-11-29T09:15:00Z\",\"venueId\":\"bench-venue\","
            + "\"bookingId\":\"BK-%s\",\"arrival\":\"2027-03-27\",\"departure\":\"2027-03-30\",\"room\":\"1204\",\"kind\":\"stay\",\"guest\":{\"name\":"
            + "\"Benchmark Guest Number %d\",\"email\":\"bench.guest.%d@example.org\",\"phone\":\"+33612345678\",\"language\":\"fr\"},\"padding\":\"%s\"}";
    private static final String PADDING = "p".repeat(180);

    public static void main(String[] args) throws Exception {
        java.net.URI url = java.net.URI.create(args[0]);
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int warmup = args.length > 3 ? Integer.parseInt(args[3]) : 10;
        int connections = args.length > 4 ? Integer.parseInt(args[4]) : 128;
        String token = System.getenv().getOrDefault("BENCH_TOKEN", "bench-token");
        String run = System.getenv().getOrDefault("BENCH_RUN", String.valueOf(System.currentTimeMillis()));

        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections));
        RequestOptions post = new RequestOptions().setMethod(HttpMethod.POST).setHost(url.getHost()).setPort(url.getPort()).setURI(url.getPath())
                .putHeader("Content-Type", "application/json").putHeader("Authorization", "Bearer " + token).setTimeout(30_000);

        long total = (long) rate * (warmup + seconds);
        long warmupCount = (long) rate * warmup;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        Histogram latency = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        AtomicLong errors = new AtomicLong();
        AtomicLong answered = new AtomicLong();
        AtomicLong lastAnswer = new AtomicLong();
        long[] next = {0};
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long[] measuredFrom = {0};
        // every millisecond, send each request that has come due (the event loop owns the counters)
        vertx.setPeriodic(1, timer -> {
            long now = System.nanoTime();
            while (next[0] < total && start + next[0] * interval <= now) {
                long i = next[0]++;
                long due = start + i * interval;
                if (i == warmupCount) {
                    measuredFrom[0] = due;
                }
                String id = run + "-" + i;
                Buffer body = Buffer.buffer(String.format(TEMPLATE, id, id, i, i, PADDING));
                client.request(post).compose(request -> request.send(body)).onComplete(answer -> {
                    long at = System.nanoTime();
                    long took = at - due;
                    lastAnswer.set(at);
                    if (answer.failed() || answer.result().statusCode() / 100 != 2) {
                        errors.incrementAndGet();
                    } else if (i >= warmupCount) {
                        latency.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(took), latency.getHighestTrackableValue()));
                    }
                    if (answered.incrementAndGet() == total) {
                        done.countDown();
                    }
                });
            }
            if (next[0] >= total) {
                vertx.cancelTimer(timer);
            }
        });
        boolean all = done.await(warmup + seconds + 30L, TimeUnit.SECONDS);
        double measuredSeconds = (lastAnswer.get() - measuredFrom[0]) / 1e9;
        long measured = latency.getTotalCount();
        System.out.printf("offered: %d/s for %d s after a %d s warm-up, %d connections%n", rate, seconds, warmup, connections);
        System.out.printf("answered 2xx (measured): %d, %.0f/s; errors or non-2xx: %d%s%n", measured, measured / measuredSeconds, errors.get(),
                all ? "" : "; still unanswered after 30 s: " + (total - answered.get()));
        System.out.printf("latency ms (from when each request was due): p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f%n",
                latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(90) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getValueAtPercentile(99.9) / 1000.0, latency.getMaxValue() / 1000.0);
        vertx.close();
    }
}
