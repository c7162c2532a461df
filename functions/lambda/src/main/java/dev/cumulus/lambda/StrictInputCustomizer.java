package dev.cumulus.lambda;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.json.StrictInput;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Funqy reads an event with a copy of this mapper on which it switches unknown-field failures off: the
 * {@link StrictInput} module, which the copy keeps, refuses them again for the function's input type, and turns an
 * event that does not fit into {@code INVALID_INPUT} naming the field, as the function error (the runtime loop
 * reports the message of what was thrown, which StrictInput leads with the code).
 */
@Singleton
public class StrictInputCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(StrictInput.module(() -> FunctionRecorder.registry.invokers().stream()
                .filter(FunctionInvoker::hasInput).map(FunctionInvoker::getInputType).toList()));
    }
}
