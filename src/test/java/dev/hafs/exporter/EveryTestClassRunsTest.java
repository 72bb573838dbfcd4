package dev.hafs.exporter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apiguardian.api.API;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.platform.commons.annotation.Testable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Surefire and Failsafe run only the classes their includes match, so a test class named otherwise
 * compiles, reads like a test and never runs: robustness/HostileInputProperties was cited by the
 * README as proof without ever running. This fails the build on any such class: every
 * compiled test class with test methods (any annotation meta-annotated with the JUnit Platform's
 * {@code @Testable}: {@code @Test}, {@code @ParameterizedTest}, {@code @RepeatedTest},
 * {@code @TestFactory}, another engine's {@code @Property}) must match pom.xml's Surefire or Failsafe
 * includes, nested ones must be {@code @Nested} inner classes of such a class, and the two Surefire
 * tiers must split the tests by the same tag, so that {@code ./mvnw verify} runs every test.
 */
class EveryTestClassRunsTest {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    @TempDir
    Path temp;

    @Test
    void everyCompiledClassWithTestsIsRunByTheBuild() {
        List<String> problems = new ArrayList<>(problems(testClassesDirectory(), getClass().getClassLoader(),
                BuildTiers.read()));
        assertThat(problems).as("test classes that neither ./mvnw test nor ./mvnw verify would run").isEmpty();
    }

    @Test
    void theFastTierLeavesOutExactlyWhatTheSlowTierRuns() {
        BuildTiers tiers = BuildTiers.read();

        assertThat(tiers.surefireIncludes()).containsExactly("**/*Test.java");
        assertThat(tiers.failsafeIncludes()).containsExactly("**/*IT.java");
        assertThat(tiers.fastExcludedGroups()).isEqualTo("slow").isEqualTo(tiers.slowGroups());
    }

    /** The guard itself, on classes compiled here (2 s of javac): the misnamed ones are reported, the rest not. */
    @Test
    @Tag("slow")
    void misnamedTestClassesAreReported() throws IOException {
        Path sources = temp.resolve("src/example");
        Files.createDirectories(sources);
        Map<String, String> classes = Map.of(
                "HostileInputProperties", """
                        class HostileInputProperties {
                            @org.junit.jupiter.api.RepeatedTest(3) void seeded() { }
                        }""",
                "ParsersSpec", """
                        class ParsersSpec {
                            @org.junit.jupiter.params.ParameterizedTest
                            @org.junit.jupiter.params.provider.ValueSource(ints = 1) void each(int i) { }
                        }""",
                "Dynamic", """
                        class Dynamic {
                            @org.junit.jupiter.api.TestFactory java.util.List<org.junit.jupiter.api.DynamicTest> all() {
                                return java.util.List.of();
                            }
                        }""",
                "EngineProperty", """
                        @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
                        @org.junit.platform.commons.annotation.Testable
                        @interface EngineProperty { }""",
                "OtherEngineChecks", """
                        class OtherEngineChecks {
                            @EngineProperty void holds() { }
                        }""",
                "OuterTest", """
                        class OuterTest {
                            @org.junit.jupiter.api.Test void runs() { }
                            @org.junit.jupiter.api.Nested class Inner { @org.junit.jupiter.api.Test void runsToo() { } }
                            static class Forgotten { @org.junit.jupiter.api.Test void never() { } }
                        }""",
                "PrometheusStackIT", """
                        class PrometheusStackIT { @org.junit.jupiter.api.Test void runs() { } }""",
                "InheritedChecks", """
                        class InheritedChecks extends BaseContract { }""",
                "BaseContract", """
                        abstract class BaseContract { @org.junit.jupiter.api.Test void inherited() { } }""",
                "Helper", """
                        class Helper { void test() { } }""");
        for (var entry : classes.entrySet()) {
            Files.writeString(sources.resolve(entry.getKey() + ".java"), "package example;\n" + entry.getValue() + "\n");
        }
        Path compiled = compile(sources);

        List<String> problems;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {compiled.toUri().toURL()}, getClass().getClassLoader())) {
            problems = problems(compiled, loader, BuildTiers.read());
        }

        assertThat(problems).extracting(problem -> problem.substring(0, problem.indexOf(':'))).containsExactlyInAnyOrder(
                "example.HostileInputProperties", "example.ParsersSpec", "example.Dynamic", "example.OtherEngineChecks",
                "example.OuterTest$Forgotten", "example.InheritedChecks");
        assertThat(problems).anySatisfy(problem -> assertThat(problem)
                .startsWith("example.HostileInputProperties: has tests but matches none of")
                .contains("**/*Test.java", "**/*IT.java"));
    }

    /** Why each class with tests would not run, one line per class. */
    static List<String> problems(Path classesDirectory, ClassLoader loader, BuildTiers tiers) {
        List<Pattern> includes = new ArrayList<>();
        tiers.surefireIncludes().forEach(include -> includes.add(glob(include)));
        tiers.failsafeIncludes().forEach(include -> includes.add(glob(include)));
        List<String> problems = new ArrayList<>();
        for (Class<?> type : classes(classesDirectory, loader)) {
            if (type.isAnonymousClass() || type.isLocalClass() || type.isInterface()
                    || Modifier.isAbstract(type.getModifiers()) || !hasTests(type)) {
                continue;
            }
            if (type.getEnclosingClass() != null && (Modifier.isStatic(type.getModifiers())
                    || !type.isAnnotationPresent(Nested.class))) {
                problems.add(type.getName() + ": has tests but is a nested class without @Nested (or static)");
                continue;
            }
            Class<?> topLevel = type;
            while (topLevel.getEnclosingClass() != null) {
                topLevel = topLevel.getEnclosingClass();
            }
            String source = topLevel.getName().replace('.', '/') + ".java";
            if (topLevel == type && includes.stream().noneMatch(include -> include.matcher(source).matches())) {
                problems.add(type.getName() + ": has tests but matches none of " + tiers.surefireIncludes()
                        + " (Surefire) or " + tiers.failsafeIncludes() + " (Failsafe); rename it");
            }
        }
        return problems;
    }

    /** Test methods declared in the class or inherited, by any engine that marks its annotations @Testable. */
    private static boolean hasTests(Class<?> type) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method method : c.getDeclaredMethods()) {
                for (Annotation annotation : method.getAnnotations()) {
                    if (isTestable(annotation.annotationType(), new HashSet<>())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isTestable(Class<? extends Annotation> type, Set<Class<?>> seen) {
        if (type == Testable.class) {
            return true;
        }
        if (!seen.add(type)) {
            return false;
        }
        for (Annotation meta : type.getAnnotations()) {
            if (isTestable(meta.annotationType(), seen)) {
                return true;
            }
        }
        return false;
    }

    private static List<Class<?>> classes(Path directory, ClassLoader loader) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String relative = directory.relativize(file).toString();
                String name = relative.substring(0, relative.length() - ".class".length()).replace(file.getFileSystem()
                        .getSeparator(), ".");
                if (!name.endsWith("package-info") && !name.equals("module-info")) {
                    classes.add(Class.forName(name, false, loader));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Surefire's include syntax: {@code **}{@code /} any folders, {@code *} any part of one name. */
    private static Pattern glob(String include) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < include.length(); i++) {
            if (include.startsWith("**/", i)) {
                regex.append("(?:.*/)?");
                i += 2;
            } else if (include.charAt(i) == '*') {
                regex.append("[^/]*");
            } else {
                regex.append(Pattern.quote(String.valueOf(include.charAt(i))));
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static Path testClassesDirectory() {
        try {
            return Path.of(EveryTestClassRunsTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path compile(Path sources) throws IOException {
        Path out = temp.resolve("classes");
        Files.createDirectories(out);
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-classpath", classPathOf(
                Test.class, Testable.class, ParameterizedTest.class, API.class)));
        try (Stream<Path> files = Files.list(sources)) {
            files.forEach(file -> args.add(file.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac).as("a JDK's compiler").isNotNull();
        assertThat(javac.run(null, null, System.err, args.toArray(String[]::new))).as("javac exit code").isZero();
        return out;
    }

    private static String classPathOf(Class<?>... types) {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : types) {
            try {
                entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** What pom.xml tells Surefire and Failsafe to run. */
    record BuildTiers(List<String> surefireIncludes, List<String> failsafeIncludes, String fastExcludedGroups,
            String slowGroups) {
        static BuildTiers read() {
            try {
                Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(ROOT.resolve("pom.xml").toFile());
                Element build = child(pom.getDocumentElement(), "build");
                Element surefire = plugin(build, "maven-surefire-plugin");
                Element failsafe = plugin(build, "maven-failsafe-plugin");
                return new BuildTiers(includes(surefire), includes(failsafe),
                        resolve(pom, text(execution(surefire, "default-test"), "excludedGroups")),
                        resolve(pom, text(execution(surefire, "slow-tests"), "groups")));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the test configuration from pom.xml: " + e, e);
            }
        }

        private static Element plugin(Element build, String artifactId) {
            for (Element plugin : children(child(build, "plugins"), "plugin")) {
                if (artifactId.equals(text(plugin, "artifactId"))) {
                    return plugin;
                }
            }
            throw new IllegalStateException("no " + artifactId + " in pom.xml's build plugins");
        }

        private static List<String> includes(Element plugin) {
            return children(child(child(plugin, "configuration"), "includes"), "include").stream()
                    .map(Node::getTextContent).map(String::strip).toList();
        }

        private static Element execution(Element plugin, String id) {
            for (Element execution : children(child(plugin, "executions"), "execution")) {
                if (id.equals(text(execution, "id"))) {
                    return child(execution, "configuration");
                }
            }
            throw new IllegalStateException("no execution " + id + " of " + text(plugin, "artifactId"));
        }

        /** ${name} from the pom's own properties (the profiles that change it are for -Dtest runs only). */
        private static String resolve(Document pom, String value) {
            if (value.startsWith("${") && value.endsWith("}")) {
                return text(child(pom.getDocumentElement(), "properties"), value.substring(2, value.length() - 1));
            }
            return value;
        }

        private static String text(Element parent, String name) {
            return child(parent, name).getTextContent().strip();
        }

        private static Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            if (found.isEmpty()) {
                throw new IllegalStateException("no <" + name + "> in <" + parent.getTagName() + ">");
            }
            return found.getFirst();
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element element && element.getTagName().equals(name)) {
                    found.add(element);
                }
            }
            return found;
        }
    }
}
