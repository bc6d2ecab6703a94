import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Build step of the cli module (run by the build as a single-file program): rewrites a library jar's class files older
 * than Java 6 (major version 50) as Java 8 class files, with the stack maps the JDK computes. The JDK's ahead-of-time
 * cache cannot hold classes that old, and picocli ships as Java 5 class files, so without this every start of tally
 * loads and verifies its 200 classes from the jar (about 25 ms of a 0.3 s report). The bytecode itself is unchanged.
 *
 * <p>Usage: {@code java ModernClassFiles.java JAR}. Rewrites JAR in place, atomically, and only when it holds such a
 * class: a second run leaves the file (and the caches trained on it) untouched.
 */
public final class ModernClassFiles {
    private static final int JAVA_6 = 50;
    private static final int JAVA_8 = 52;

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: java ModernClassFiles.java JAR");
            System.exit(2);
        }
        Path jar = Path.of(args[0]);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            for (ZipEntry e : Collections.list(zip.entries())) {
                entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
            }
        }
        Map<String, byte[]> classes = new HashMap<>();
        entries.forEach((name, bytes) -> {
            if (name.endsWith(".class") && !name.startsWith("META-INF/")) {
                classes.put(name, bytes);
            }
        });
        if (classes.values().stream().noneMatch(b -> major(b) < JAVA_6)) {
            return;
        }
        // Stack maps name common supertypes: the jar's own classes are resolved from its bytes, the JDK's from the JDK.
        ClassHierarchyResolver own = ClassHierarchyResolver.ofResourceParsing(desc -> {
            String internal =
                    desc.descriptorString().substring(1, desc.descriptorString().length() - 1);
            byte[] bytes = classes.get(internal + ".class");
            return bytes == null ? null : new ByteArrayInputStream(bytes);
        });
        ClassFile files = ClassFile.of(
                ClassFile.ClassHierarchyResolverOption.of(own.orElse(ClassHierarchyResolver.defaultResolver())));
        Path next = jar.resolveSibling(jar.getFileName() + ".next");
        int rewritten = 0;
        try (OutputStream out = Files.newOutputStream(next);
                ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                byte[] bytes = e.getValue();
                if (classes.containsKey(e.getKey()) && major(bytes) < JAVA_6) {
                    bytes = modern(files, files.parse(bytes));
                    rewritten++;
                }
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(bytes);
                zip.closeEntry();
            }
        }
        Files.move(next, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("ModernClassFiles: " + rewritten + " class files of " + jar.getFileName()
                + " rewritten as Java 8 class files");
    }

    /** The same class as a Java 8 class file: every method's code rebuilt, so the JDK writes its stack maps. */
    private static byte[] modern(ClassFile files, ClassModel model) {
        return files.build(model.thisClass().asSymbol(), builder -> {
            builder.withVersion(JAVA_8, 0);
            for (ClassElement element : model) {
                if (element instanceof MethodModel method) {
                    builder.transformMethod(method, MethodTransform.transformingCode(CodeTransform.ACCEPT_ALL));
                } else if (!(element instanceof ClassFileVersion)) {
                    builder.with(element);
                }
            }
        });
    }

    private static int major(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }
}
