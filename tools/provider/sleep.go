package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

const maxSleepSeconds = 3600

// sleepKind is random:index/sleep:Sleep, a test helper that pulumi-random does
// not have. Create and in-place updates wait createSeconds and Delete waits
// deleteSeconds, so tests can watch an update that is in progress. A change of
// triggers replaces it.
type sleepKind struct{}

func (sleepKind) spec() resourceSpec {
	return resourceSpec{
		token: "random:index/sleep:Sleep",
		description: "Test helper: waits `createSeconds` when created or updated in place and `deleteSeconds` " +
			"when deleted. A change of `triggers` replaces it.",
		inputs: []propertySpec{
			{
				name:        "createSeconds",
				typ:         typeNumber,
				description: "Seconds to wait in Create and Update, from 0 to 3600.",
				required:    true,
			},
			{
				name:        "deleteSeconds",
				typ:         typeNumber,
				description: "Seconds to wait in Delete, from 0 to 3600. Defaults to no wait.",
			},
			{
				name:            "triggers",
				typ:             typeStringMap,
				description:     "Arbitrary strings whose change replaces the resource.",
				replaceOnChange: true,
			},
		},
	}
}

func (sleepKind) validate(inputs resource.PropertyMap) []plugin.CheckFailure {
	failures := checkNumberRange(inputs, "createSeconds", 0, maxSleepSeconds)
	return append(failures, checkNumberRange(inputs, "deleteSeconds", 0, maxSleepSeconds)...)
}

func (sleepKind) create(ctx context.Context, inputs resource.PropertyMap) (resource.ID, resource.PropertyMap, error) {
	seconds, ok := knownNumber(inputs, "createSeconds")
	if !ok {
		return "", nil, errors.New("createSeconds must be a known number")
	}
	id, err := randomHex(8)
	if err != nil {
		return "", nil, err
	}
	if err := sleepFor(ctx, seconds); err != nil {
		return "", nil, err
	}
	return resource.ID(id), inputs.Copy(), nil
}

func (sleepKind) update(
	ctx context.Context, _ resource.ID, _, newInputs resource.PropertyMap,
) (resource.PropertyMap, error) {
	seconds, ok := knownNumber(newInputs, "createSeconds")
	if !ok {
		return nil, errors.New("createSeconds must be a known number")
	}
	if err := sleepFor(ctx, seconds); err != nil {
		return nil, err
	}
	return newInputs.Copy(), nil
}

func (sleepKind) delete(ctx context.Context, _ resource.ID, outputs resource.PropertyMap) error {
	seconds, ok := knownNumber(outputs, "deleteSeconds")
	if !ok {
		return nil
	}
	return sleepFor(ctx, seconds)
}

func (sleepKind) importOutputs(resource.ID) (resource.PropertyMap, error) {
	return nil, errors.New("Sleep does not support import")
}

// sleepFor waits the given number of seconds, or returns an error as soon as
// ctx is done.
func sleepFor(ctx context.Context, seconds float64) error {
	if seconds <= 0 {
		return nil
	}
	duration := time.Duration(seconds * float64(time.Second))
	timer := time.NewTimer(duration)
	defer timer.Stop()

	select {
	case <-timer.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("sleep of %v interrupted: %w", duration, ctx.Err())
	}
}
