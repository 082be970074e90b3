package main

import (
	"context"
	"errors"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
)

const maxPetLength = 16

// randomPetKind is random:index/randomPet:RandomPet. Its ID is the generated
// name, as in pulumi-random. It also returns the name as `result`, which
// pulumi-random does not have. Every input change replaces it.
type randomPetKind struct{}

func (randomPetKind) spec() resourceSpec {
	return resourceSpec{
		token: "random:index/randomPet:RandomPet",
		description: "A random pet name such as `calmly-brave-otter`: adverbs, then an adjective, then an animal, " +
			"joined by `separator`. The ID is the name.",
		inputs: []propertySpec{
			{
				name:            "length",
				typ:             typeInteger,
				description:     "Number of words, from 1 to 16. Defaults to 2.",
				defaultValue:    resource.NewNumberProperty(2),
				replaceOnChange: true,
			},
			{
				name:            "separator",
				typ:             typeString,
				description:     "Text placed between words. Defaults to `-`.",
				defaultValue:    resource.NewStringProperty("-"),
				replaceOnChange: true,
			},
			{
				name:            "prefix",
				typ:             typeString,
				description:     "Text placed before the words, followed by the separator.",
				replaceOnChange: true,
			},
			keepersProperty,
		},
		outputs: []propertySpec{
			{name: "result", typ: typeString, description: "The generated name, the same as the ID."},
		},
	}
}

func (randomPetKind) validate(inputs resource.PropertyMap) []plugin.CheckFailure {
	return checkIntegerRange(inputs, "length", 1, maxPetLength)
}

func (randomPetKind) create(_ context.Context, inputs resource.PropertyMap) (resource.ID, resource.PropertyMap, error) {
	length, ok := knownInteger(inputs, "length")
	if !ok {
		return "", nil, errors.New("length must be a known integer")
	}
	separator, ok := knownString(inputs, "separator")
	if !ok {
		return "", nil, errors.New("separator must be a known string")
	}

	words, err := petWords(int(length))
	if err != nil {
		return "", nil, err
	}
	if prefix, ok := knownString(inputs, "prefix"); ok && prefix != "" {
		words = append([]string{prefix}, words...)
	}
	name := strings.Join(words, separator)

	outputs := inputs.Copy()
	outputs["result"] = resource.NewStringProperty(name)
	return resource.ID(name), outputs, nil
}

// petWords returns length words: one animal, preceded by one adjective when
// length is 2 or more, preceded by length-2 adverbs.
func petWords(length int) ([]string, error) {
	words := make([]string, 0, length)
	for i := range length {
		var list []string
		switch {
		case i == length-1:
			list = petAnimals
		case i == length-2:
			list = petAdjectives
		default:
			list = petAdverbs
		}
		j, err := randomIndex(len(list))
		if err != nil {
			return nil, err
		}
		words = append(words, list[j])
	}
	return words, nil
}

func (k randomPetKind) update(
	_ context.Context, _ resource.ID, oldOutputs, newInputs resource.PropertyMap,
) (resource.PropertyMap, error) {
	return keepComputedOutputs(k.spec(), oldOutputs, newInputs), nil
}

func (randomPetKind) delete(context.Context, resource.ID, resource.PropertyMap) error {
	return nil
}

func (randomPetKind) importOutputs(resource.ID) (resource.PropertyMap, error) {
	return nil, errors.New("RandomPet does not support import: its length and separator cannot be derived from the name")
}
