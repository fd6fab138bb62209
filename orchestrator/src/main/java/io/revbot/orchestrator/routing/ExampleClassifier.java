package io.revbot.orchestrator.routing;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.revbot.agents.AgentName;
import io.revbot.agents.RoutingSpec;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The embedding tier's classifier: a softmax regression over a question's MiniLM embedding (names masked, so "Orion
 * Health" does not pull towards whichever agent's examples named it) and its hashed words and word pairs, trained on
 * the labelled example questions. Training is full-batch gradient descent with momentum from zero weights, so the same examples
 * and settings always give the same classifier. Thread-safe once built.
 */
final class ExampleClassifier {

    /** A labelled example: a question and the agent that should answer it. */
    record Example(String question, AgentName agent) {}

    /** A question as the classifier reads it: the unit embedding and the hashed word features. */
    record Vector(float[] dense, int[] sparse, float[] sparseValues) {}

    record Scored(AgentName agent, double probability) {}

    /** Every agent's probability, best first. */
    record Prediction(List<Scored> ranked) {
        Scored best() {
            return ranked.get(0);
        }

        double margin() {
            return ranked.size() < 2
                    ? best().probability()
                    : best().probability() - ranked.get(1).probability();
        }
    }

    /** Turns questions into vectors with the shared embedding model. */
    static final class Features {
        private final EmbeddingModel model;
        private final RoutingSpec.Classifier settings;

        Features(EmbeddingModel model, RoutingSpec.Classifier settings) {
            this.model = model;
            this.settings = settings;
        }

        Vector of(String question) {
            String masked = QuestionText.masked(question, settings.keepWords());
            return vector(unit(model.embed(masked).content().vector()), masked);
        }

        List<Vector> of(List<String> questions) {
            List<String> masked = questions.stream()
                    .map(q -> QuestionText.masked(q, settings.keepWords()))
                    .toList();
            List<Embedding> embeddings = model.embedAll(
                            masked.stream().map(TextSegment::from).toList())
                    .content();
            List<Vector> out = new ArrayList<>(questions.size());
            for (int i = 0; i < questions.size(); i++) {
                out.add(vector(unit(embeddings.get(i).vector()), masked.get(i)));
            }
            return out;
        }

        /** Like {@link #of(List)}, embedding only the texts {@code cache} does not hold yet. */
        List<Vector> of(List<String> questions, EmbeddingCache cache) {
            List<String> masked = questions.stream()
                    .map(q -> QuestionText.masked(q, settings.keepWords()))
                    .toList();
            List<String> missing = masked.stream()
                    .filter(m -> cache.get(m).isEmpty())
                    .distinct()
                    .toList();
            if (!missing.isEmpty()) {
                List<Embedding> embedded = model.embedAll(
                                missing.stream().map(TextSegment::from).toList())
                        .content();
                for (int i = 0; i < missing.size(); i++) {
                    cache.put(missing.get(i), unit(embedded.get(i).vector()));
                }
                cache.save();
            }
            return masked.stream()
                    .map(m -> vector(cache.get(m).orElseThrow(), m))
                    .toList();
        }

        private Vector vector(float[] dense, String masked) {
            int buckets = settings.lexicalFeatures();
            if (buckets == 0) {
                return new Vector(dense, new int[0], new float[0]);
            }
            List<String> words = QuestionText.plain(masked);
            List<String> grams = new ArrayList<>(words);
            for (int i = 0; i + 1 < words.size(); i++) {
                grams.add(words.get(i) + " " + words.get(i + 1));
            }
            Map<Integer, Float> hashed = new LinkedHashMap<>();
            float weight = grams.isEmpty() ? 0 : (float) (settings.lexicalWeight() / Math.sqrt(grams.size()));
            for (String gram : grams) {
                hashed.merge(Math.floorMod(gram.hashCode(), buckets), weight, Float::sum);
            }
            int[] index = new int[hashed.size()];
            float[] values = new float[hashed.size()];
            int k = 0;
            for (Map.Entry<Integer, Float> e : hashed.entrySet()) {
                index[k] = e.getKey();
                values[k++] = e.getValue();
            }
            return new Vector(dense, index, values);
        }

        private static float[] unit(float[] v) {
            double norm = 0;
            for (float x : v) {
                norm += x * x;
            }
            float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
            float[] out = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = v[i] * scale;
            }
            return out;
        }
    }

    private final List<AgentName> classes;
    private final double[][] dense;
    private final double[][] sparse;
    private final double[] bias;

    private ExampleClassifier(List<AgentName> classes, double[][] dense, double[][] sparse, double[] bias) {
        this.classes = classes;
        this.dense = dense;
        this.sparse = sparse;
        this.bias = bias;
    }

    /** Trains on {@code examples}, whose vectors are {@code vectors} (same order). */
    static ExampleClassifier train(List<Example> examples, List<Vector> vectors, RoutingSpec.Classifier settings) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples to learn from");
        }
        List<AgentName> classes =
                List.copyOf(new TreeSet<>(examples.stream().map(Example::agent).toList()));
        int c = classes.size();
        int d = vectors.get(0).dense().length;
        int h = settings.lexicalFeatures();
        int n = examples.size();
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = classes.indexOf(examples.get(i).agent());
        }
        double[][] wd = new double[c][d];
        double[][] ws = new double[c][h];
        double[] b = new double[c];
        double[][] vd = new double[c][d];
        double[][] vs = new double[c][h];
        double[] vb = new double[c];
        double[] z = new double[c];
        double[][] gd = new double[c][d];
        double[][] gs = new double[c][h];
        double[] gb = new double[c];
        for (int epoch = 0; epoch < settings.epochs(); epoch++) {
            for (int k = 0; k < c; k++) {
                java.util.Arrays.fill(gd[k], 0);
                java.util.Arrays.fill(gs[k], 0);
            }
            java.util.Arrays.fill(gb, 0);
            for (int i = 0; i < n; i++) {
                Vector x = vectors.get(i);
                probabilities(wd, ws, b, x, z);
                for (int k = 0; k < c; k++) {
                    double g = z[k] - (label[i] == k ? 1 : 0);
                    double[] row = gd[k];
                    float[] xd = x.dense();
                    for (int j = 0; j < d; j++) {
                        row[j] += g * xd[j];
                    }
                    for (int s = 0; s < x.sparse().length; s++) {
                        gs[k][x.sparse()[s]] += g * x.sparseValues()[s];
                    }
                    gb[k] += g;
                }
            }
            for (int k = 0; k < c; k++) {
                step(wd[k], vd[k], gd[k], n, settings);
                step(ws[k], vs[k], gs[k], n, settings);
                vb[k] = settings.momentum() * vb[k] + gb[k] / n;
                b[k] -= settings.learningRate() * vb[k];
            }
        }
        return new ExampleClassifier(classes, wd, ws, b);
    }

    Prediction predict(Vector x) {
        double[] p = new double[classes.size()];
        probabilities(dense, sparse, bias, x, p);
        List<Scored> ranked = new ArrayList<>(classes.size());
        for (int k = 0; k < classes.size(); k++) {
            ranked.add(new Scored(classes.get(k), p[k]));
        }
        ranked.sort(Comparator.comparingDouble(Scored::probability).reversed());
        return new Prediction(List.copyOf(ranked));
    }

    /** One step of gradient descent with momentum, L2 on the weights. */
    private static void step(double[] w, double[] v, double[] g, int n, RoutingSpec.Classifier settings) {
        double momentum = settings.momentum();
        double rate = settings.learningRate();
        double l2 = settings.l2();
        for (int j = 0; j < w.length; j++) {
            v[j] = momentum * v[j] + g[j] / n + l2 * w[j];
            w[j] -= rate * v[j];
        }
    }

    /** Softmax of the class scores of {@code x}, into {@code out}. */
    private static void probabilities(double[][] wd, double[][] ws, double[] b, Vector x, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        float[] xd = x.dense();
        for (int k = 0; k < out.length; k++) {
            double score = b[k];
            double[] row = wd[k];
            for (int j = 0; j < xd.length; j++) {
                score += row[j] * xd[j];
            }
            for (int s = 0; s < x.sparse().length; s++) {
                score += ws[k][x.sparse()[s]] * x.sparseValues()[s];
            }
            out[k] = score;
            max = Math.max(max, score);
        }
        double sum = 0;
        for (int k = 0; k < out.length; k++) {
            out[k] = Math.exp(out[k] - max);
            sum += out[k];
        }
        for (int k = 0; k < out.length; k++) {
            out[k] /= sum;
        }
    }

    /** Writes the trained weights (for {@link ClassifierCache}). */
    void write(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(classes.size());
        for (AgentName name : classes) {
            out.writeUTF(name.value());
        }
        writeMatrix(out, dense);
        writeMatrix(out, sparse);
        for (double v : bias) {
            out.writeDouble(v);
        }
    }

    /** Reads weights {@link #write} wrote. */
    static ExampleClassifier read(java.io.DataInputStream in) throws java.io.IOException {
        int c = in.readInt();
        List<AgentName> classes = new ArrayList<>(c);
        for (int k = 0; k < c; k++) {
            classes.add(new AgentName(in.readUTF()));
        }
        double[][] dense = readMatrix(in, c);
        double[][] sparse = readMatrix(in, c);
        double[] bias = new double[c];
        for (int k = 0; k < c; k++) {
            bias[k] = in.readDouble();
        }
        return new ExampleClassifier(List.copyOf(classes), dense, sparse, bias);
    }

    private static void writeMatrix(java.io.DataOutputStream out, double[][] m) throws java.io.IOException {
        out.writeInt(m.length == 0 ? 0 : m[0].length);
        for (double[] row : m) {
            for (double v : row) {
                out.writeDouble(v);
            }
        }
    }

    private static double[][] readMatrix(java.io.DataInputStream in, int rows) throws java.io.IOException {
        int columns = in.readInt();
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int j = 0; j < columns; j++) {
                row[j] = in.readDouble();
            }
        }
        return m;
    }
}
