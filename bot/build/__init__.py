"""Build steps run by `make`, never at run time: the FAQ rules, the gap intent's
training examples, the spaCy pipeline and the recruitment web page, all from knowledge/."""
