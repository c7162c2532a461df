package dev.cumulus.core.json;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;

import dev.cumulus.core.error.CumulusException;

/**
 * Makes an {@code ObjectMapper} read the input of a function strictly, whatever its features say (Funqy switches
 * {@code FAIL_ON_UNKNOWN_PROPERTIES} off on its copy): a field the input type does not have is refused, so that a
 * typo ({@code chunkSzie}) does not silently fall back to a default. A failure to read an input surfaces as an
 * {@link InputRefusal} ({@code INVALID_INPUT} naming the field) instead of a parser exception. Every other type the
 * mapper reads (another function's answer, say) stays as lenient as the mapper is.
 */
public final class StrictInput {

    private static final Object READING_INPUT = StrictInput.class.getName() + ".readingInput";

    private StrictInput() {
    }

    /**
     * The module, given the input types of the functions (asked once, when the first deserializer is built, by which
     * time the functions are registered).
     */
    public static Module module(Supplier<? extends Collection<? extends Type>> inputTypes) {
        AtomicReference<Set<Class<?>>> inputs = new AtomicReference<>();
        return module(type -> inputs.updateAndGet(known -> known != null
                ? known
                : inputTypes.get().stream().<Class<?>>map(TypeFactory::rawClass)
                        .collect(Collectors.toUnmodifiableSet()))
                .contains(type));
    }

    /** The module, given which types are function inputs. */
    public static Module module(Predicate<Class<?>> isInput) {
        return new SimpleModule("cumulus-strict-input") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addBeanDeserializerModifier(new BeanDeserializerModifier() {
                    @Override
                    public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config,
                            BeanDescription description, JsonDeserializer<?> deserializer) {
                        return isInput.test(description.getBeanClass()) ? new Refusing(deserializer) : deserializer;
                    }
                });
                context.addDeserializationProblemHandler(new RefuseUnknown());
            }
        };
    }

    /** Reads one input: everything inside it is strict, and a failure becomes the answer. */
    static final class Refusing extends DelegatingDeserializer {

        Refusing(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Refusing(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object outer = ctxt.getAttribute(READING_INPUT);
            ctxt.setAttribute(READING_INPUT, Boolean.TRUE);
            try {
                return super.deserialize(p, ctxt);
            } catch (JsonProcessingException e) {
                CumulusException known = knownCause(e);
                throw new InputRefusal(known != null ? known : JsonRefusals.answer(e));
            } finally {
                ctxt.setAttribute(READING_INPUT, outer);
            }
        }

        /** A value's own deserializer may have refused it already (a bad number): keep that answer. */
        private static CumulusException knownCause(Throwable t) {
            for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
                if (t instanceof CumulusException known) {
                    return known;
                }
            }
            return null;
        }
    }

    /** An unknown field inside an input is refused; elsewhere the mapper's own setting decides. */
    static final class RefuseUnknown extends DeserializationProblemHandler {

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            if (ctxt.getAttribute(READING_INPUT) != Boolean.TRUE) {
                return false;
            }
            throw UnrecognizedPropertyException.from(p, beanOrClass, propertyName,
                    deserializer == null ? null : deserializer.getKnownPropertyNames());
        }
    }
}
