package main

import (
	"context"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

const (
	alphanumericCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	// specialCharacters is the default special character set of pulumi-random's
	// RandomString, so that results look alike.
	specialCharacters = "!@#$%&*()-_=+[]{}<>:?"
	maxStringLength   = 1024
)

// randomStringKind is random:index/randomString:RandomString. Its ID is the
// generated string, as in pulumi-random, and every input change replaces it.
type randomStringKind struct{}

func (randomStringKind) spec() resourceSpec {
	return resourceSpec{
		token:       "random:index/randomString:RandomString",
		description: "A random string of letters and digits, and special characters unless `special` is false.",
		inputs: []propertySpec{
			{
				name:            "length",
				typ:             typeInteger,
				description:     "Number of characters, from 1 to 1024.",
				required:        true,
				replaceOnChange: true,
			},
			{
				name:            "special",
				typ:             typeBoolean,
				description:     "Whether the string may contain the characters `" + specialCharacters + "`. Defaults to true.",
				defaultValue:    resource.NewBoolProperty(true),
				replaceOnChange: true,
			},
			keepersProperty,
		},
		outputs: []propertySpec{
			{name: "result", typ: typeString, description: "The generated string."},
		},
	}
}

func (randomStringKind) validate(inputs resource.PropertyMap) []plugin.CheckFailure {
	return checkIntegerRange(inputs, "length", 1, maxStringLength)
}

func (randomStringKind) create(_ context.Context, inputs resource.PropertyMap) (resource.ID, resource.PropertyMap, error) {
	length, ok := knownInteger(inputs, "length")
	if !ok {
		return "", nil, errors.New("length must be a known integer")
	}
	special, ok := knownBool(inputs, "special")
	if !ok {
		return "", nil, errors.New("special must be a known boolean")
	}

	characters := alphanumericCharacters
	if special {
		characters += specialCharacters
	}

	var result strings.Builder
	for range length {
		i, err := randomIndex(len(characters))
		if err != nil {
			return "", nil, err
		}
		result.WriteByte(characters[i])
	}

	outputs := inputs.Copy()
	outputs["result"] = resource.NewStringProperty(result.String())
	return resource.ID(result.String()), outputs, nil
}

func (k randomStringKind) update(
	_ context.Context, _ resource.ID, oldOutputs, newInputs resource.PropertyMap,
) (resource.PropertyMap, error) {
	return keepComputedOutputs(k.spec(), oldOutputs, newInputs), nil
}

func (randomStringKind) delete(context.Context, resource.ID, resource.PropertyMap) error {
	return nil
}

// importOutputs takes the ID as the string itself. It sets special when the
// string contains any character outside letters and digits.
func (randomStringKind) importOutputs(id resource.ID) (resource.PropertyMap, error) {
	result := string(id)
	length := utf8.RuneCountInString(result)
	if length < 1 || length > maxStringLength {
		return nil, errors.New("import ID of a RandomString must be the string itself, 1 to 1024 characters long")
	}

	special := strings.ContainsFunc(result, func(r rune) bool {
		return !strings.ContainsRune(alphanumericCharacters, r)
	})
	return resource.PropertyMap{
		"length":  resource.NewNumberProperty(float64(length)),
		"special": resource.NewBoolProperty(special),
		"result":  resource.NewStringProperty(result),
	}, nil
}
