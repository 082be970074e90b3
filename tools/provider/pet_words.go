package main

// Word lists for RandomPet, written for this provider.

var petAdverbs = []string{
	"boldly", "briskly", "calmly", "cheerfully", "closely", "deeply", "eagerly", "evenly",
	"fairly", "firmly", "freely", "gently", "gladly", "happily", "highly", "honestly",
	"kindly", "lightly", "loudly", "merrily", "neatly", "openly", "patiently", "politely",
	"proudly", "quickly", "quietly", "rapidly", "really", "smoothly", "softly", "steadily",
	"swiftly", "truly", "warmly", "wildly", "wisely",
}

var petAdjectives = []string{
	"able", "agile", "amber", "ample", "brave", "bright", "busy", "calm",
	"clever", "cosmic", "crisp", "curious", "daring", "eager", "early", "fancy",
	"fluffy", "frank", "gentle", "giant", "golden", "grand", "happy", "hardy",
	"humble", "jolly", "keen", "lively", "lucky", "mellow", "mighty", "modest",
	"nimble", "noble", "patient", "plucky", "proud", "quick", "quiet", "rapid",
	"rustic", "shiny", "silent", "sleepy", "smart", "snowy", "steady", "sunny",
	"swift", "tidy", "upbeat", "vivid", "warm", "wise", "witty", "zesty",
}

var petAnimals = []string{
	"alpaca", "badger", "beaver", "bison", "bobcat", "camel", "cheetah", "cobra",
	"condor", "coyote", "crane", "dingo", "dolphin", "donkey", "eagle", "falcon",
	"ferret", "finch", "gazelle", "gecko", "gibbon", "heron", "hyena", "ibis",
	"iguana", "jackal", "jaguar", "koala", "lemur", "leopard", "llama", "lynx",
	"marmot", "meerkat", "mole", "moose", "newt", "ocelot", "otter", "owl",
	"panda", "parrot", "pelican", "puffin", "quail", "rabbit", "raven", "salmon",
	"seal", "sloth", "stork", "tapir", "tiger", "toucan", "turtle", "walrus",
	"weasel", "wombat", "yak", "zebra",
}
