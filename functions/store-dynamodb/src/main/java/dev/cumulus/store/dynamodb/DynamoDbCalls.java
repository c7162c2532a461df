package dev.cumulus.store.dynamodb;

import java.util.Locale;
import java.util.function.Supplier;

import dev.cumulus.store.StoreUnavailableException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * One call of DynamoDB for a store: a refused condition passes through (the store decides what it means), an item over
 * DynamoDB's size limit is a refused argument, and every other failure becomes a {@link StoreUnavailableException}
 * that names the store, the operation and DynamoDB's error code, never an item.
 */
final class DynamoDbCalls {

    private DynamoDbCalls() {
    }

    static <T> T call(String store, String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (ConditionalCheckFailedException expected) {
            throw expected;
        } catch (SdkClientException e) {
            // no answer from DynamoDB (connection, time-out, credentials): the message names no item
            throw new StoreUnavailableException(store + " unreachable: " + operation + " (" + e.getMessage() + ")", e);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? e.getClass().getSimpleName() : e.awsErrorDetails().errorCode();
            if ("ValidationException".equals(code) && String.valueOf(e.awsErrorDetails().errorMessage())
                    .toLowerCase(Locale.ROOT).contains("item size")) {
                throw new IllegalArgumentException(store + " refused a value: " + operation
                        + " (an item over DynamoDB's 400 KB)");
            }
            throw new StoreUnavailableException(
                    store + " failed: " + operation + " (" + code + ", HTTP " + e.statusCode() + ")");
        } catch (SdkException e) {
            throw new StoreUnavailableException(
                    store + " failed: " + operation + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
