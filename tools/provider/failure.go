package main

import (
	"context"
	"errors"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

// failureKind is random:index/failure:Failure, a test helper that pulumi-random
// does not have. Create and Update fail with the message input, so tests can
// produce a failed update. Previews succeed, and Delete always succeeds.
type failureKind struct{}

func (failureKind) spec() resourceSpec {
	return resourceSpec{
		token: "random:index/failure:Failure",
		description: "Test helper: creating or updating it fails with `message`. Previews succeed. " +
			"A change of `message` is an in-place update.",
		inputs: []propertySpec{
			{name: "message", typ: typeString, description: "Error message of the failed operation.", required: true},
		},
	}
}

func (failureKind) validate(resource.PropertyMap) []plugin.CheckFailure {
	return nil
}

func (failureKind) create(_ context.Context, inputs resource.PropertyMap) (resource.ID, resource.PropertyMap, error) {
	return "", nil, failureError(inputs)
}

func (failureKind) update(
	_ context.Context, _ resource.ID, _, newInputs resource.PropertyMap,
) (resource.PropertyMap, error) {
	return nil, failureError(newInputs)
}

func (failureKind) delete(context.Context, resource.ID, resource.PropertyMap) error {
	return nil
}

func (failureKind) importOutputs(resource.ID) (resource.PropertyMap, error) {
	return nil, errors.New("Failure does not support import")
}

func failureError(inputs resource.PropertyMap) error {
	message, ok := knownString(inputs, "message")
	if !ok || message == "" {
		message = "Failure resource failed without a message"
	}
	return errors.New(message)
}
