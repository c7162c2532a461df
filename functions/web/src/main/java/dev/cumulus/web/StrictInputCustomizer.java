package dev.cumulus.web;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cumulus.core.json.StrictInput;
import io.quarkus.funqy.runtime.FunctionInvoker;
import io.quarkus.funqy.runtime.FunctionRecorder;
import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Funqy reads a function's input with a copy of this mapper on which it switches unknown-field failures off: the
 * {@link StrictInput} module, which the copy keeps, refuses them again for the functions' input types, and turns a
 * body that does not fit into {@code INVALID_INPUT} naming the field (Funqy would answer a bare 400).
 */
@Singleton
public class StrictInputCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(StrictInput.module(() -> FunctionRecorder.registry.invokers().stream()
                .filter(FunctionInvoker::hasInput).map(FunctionInvoker::getInputType).toList()));
    }
}
