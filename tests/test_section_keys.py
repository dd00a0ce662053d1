"""A water section's column as a field code: built and split in one place (`core.fields`)."""

from ecoscore.core.fields import section_key, section_of_key


def test_a_section_key_splits_back_into_its_name_and_column():
    assert section_key("太平溪出口", "cur") == "sections.太平溪出口.cur"
    assert section_of_key("sections.太平溪出口.cur") == ("太平溪出口", "cur")
    # a name with a dot keeps it: the column is what follows the last dot
    assert section_of_key(section_key("舞水.二桥", "prev")) == ("舞水.二桥", "prev")


def test_other_keys_are_not_section_keys():
    assert section_of_key("air.pm25") is None
    assert section_of_key("sections.level") is None  # a column's problem code, no section named
    assert section_of_key("sections.太平溪出口.colour") is None  # not a column of the table
