package demo.mesh.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads multi-document YAML (files as written, or kustomize output) into manifests. */
public final class ManifestReader {

    private final YAMLMapper yaml = new YAMLMapper();

    /** Every non-empty document of {@code text}; {@code source} names it in messages. */
    public List<Manifest> read(String text, String source) {
        List<Manifest> manifests = new ArrayList<>();
        try (MappingIterator<JsonNode> documents = yaml.readerFor(JsonNode.class).readValues(text)) {
            while (documents.hasNextValue()) {
                JsonNode document = documents.nextValue();
                if (document != null && document.isObject()) {
                    manifests.add(new Manifest(document, source));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + " is not valid YAML: " + e.getMessage(), e);
        }
        return manifests;
    }

    public List<Manifest> readFile(Path file) {
        try {
            return read(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Every *.yaml and *.yml file under {@code dir}, in path order. */
    public List<Manifest> readTree(Path dir) {
        List<Manifest> manifests = new ArrayList<>();
        yamlFiles(dir).forEach(file -> manifests.addAll(readFile(file)));
        return manifests;
    }

    public static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
