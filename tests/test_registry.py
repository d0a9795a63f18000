"""Unit tests of the registry model: names, hives, the merged HKCR view, forks, limits."""

from __future__ import annotations

import pytest

from sim.errors import RegistryError, RegistryKeyNotFound
from sim.registry import Registry, RegType
from sim.registry.names import MAX_DEPTH, fold

HKCU_CLASSES = r"HKEY_CURRENT_USER\Software\Classes"
HKLM_CLASSES = r"HKEY_LOCAL_MACHINE\SOFTWARE\Classes"


class TestNames:
    def test_fold_is_ordinal_upper_case_without_expansion(self) -> None:
        """'ß' keeps its own code: Windows upcases 1:1, it never expands to 'SS'."""
        assert fold("straße") == "STRAßE"
        assert fold("straße") != fold("STRASSE")

    def test_fold_upcases_non_ascii_letters(self) -> None:
        """Accented letters compare equal to their upper case."""
        assert fold("café") == fold("CAFÉ")

    def test_keys_are_case_insensitive_and_case_preserving(self) -> None:
        """A key created as 'Software\\Foo' opens as 'SOFTWARE\\foo' and keeps its spelling."""
        reg = Registry()
        reg.create_key(r"HKCU\Software\Foo")
        assert reg.has_key(r"hkey_current_user\SOFTWARE\foo")
        assert "Foo" in reg.subkeys(r"HKCU\Software")

    def test_value_names_are_case_insensitive(self) -> None:
        """A value set as 'Bar' reads back as 'bar' with its first spelling."""
        reg = Registry()
        reg.set_value(r"HKCU\Software\Foo", "Bar", "x")
        value = reg.get_value(r"HKCU\Software\Foo", "bar")
        assert value is not None and value.name == "Bar"


class TestHives:
    def test_hkcu_is_the_users_hive_under_hku(self) -> None:
        """HKEY_CURRENT_USER is HKEY_USERS\\<SID>."""
        reg = Registry()
        reg.set_value(r"HKCU\Environment", "TEMP", "x")
        assert reg.get_value(rf"HKEY_USERS\{reg.user_sid}\Environment", "TEMP") is not None

    def test_hkcc_is_the_current_hardware_profile(self) -> None:
        """HKEY_CURRENT_CONFIG maps to the current hardware profile under HKLM\\SYSTEM."""
        reg = Registry()
        reg.set_value(r"HKCC\Software\Fonts", "LogPixels", 96)
        path = r"HKLM\SYSTEM\CurrentControlSet\Hardware Profiles\Current\Software\Fonts"
        assert reg.get_value(path, "LogPixels").data == 96  # type: ignore[union-attr]

    def test_unknown_root_is_refused_with_the_known_ones(self) -> None:
        """A path under no root names the roots that exist."""
        with pytest.raises(RegistryError, match=r"expected a root key .*HKEY_LOCAL_MACHINE"):
            Registry().has_key(r"HKEY_CURRENT_USERS\x")

    def test_subkeys_enumerate_in_upper_case_ordinal_order(self) -> None:
        """Subkeys are listed sorted by their upper-cased names, whatever the creation order."""
        reg = Registry()
        for name in ["b", "A", "_z", "a1", "Z"]:
            reg.create_key(rf"HKCU\T\{name}")
        assert reg.subkeys(r"HKCU\T") == ["A", "a1", "b", "Z", "_z"]

    def test_values_enumerate_in_creation_order(self) -> None:
        """Values keep the order they were created in."""
        reg = Registry()
        for name in ["z", "a", "m"]:
            reg.set_value(r"HKCU\T", name, 1)
        assert [v.name for v in reg.values(r"HKCU\T")] == ["z", "a", "m"]


class TestLimits:
    def test_key_name_over_256_characters_is_refused(self) -> None:
        """A 257-character key name is refused; 256 is accepted (CPython's test_long_key)."""
        reg = Registry()
        reg.create_key("HKCU\\" + "k" * 256)
        with pytest.raises(RegistryError, match="at most 256"):
            reg.create_key("HKCU\\" + "k" * 257)

    def test_value_name_over_16383_characters_is_refused(self) -> None:
        """A value name longer than 16,383 characters is refused."""
        with pytest.raises(RegistryError, match="16383"):
            Registry().set_value(r"HKCU\T", "v" * 16_384, "x")

    def test_depth_over_512_levels_is_refused(self) -> None:
        """A path deeper than 512 levels is refused."""
        with pytest.raises(RegistryError, match=f"at most {MAX_DEPTH} levels"):
            Registry().create_key("HKLM\\" + "\\".join(["k"] * 513))

    def test_empty_path_component_is_refused(self) -> None:
        """A doubled backslash is a bad path name, as RegCreateKeyEx answers."""
        with pytest.raises(RegistryError) as info:
            Registry().create_key(r"HKCU\a\\b")
        assert info.value.winerror == 161


class TestDelete:
    def test_delete_key_with_subkeys_needs_tree(self) -> None:
        """RegDeleteKey refuses a key with subkeys (access denied); the tree form deletes it."""
        reg = Registry()
        reg.create_key(r"HKCU\T\child")
        with pytest.raises(RegistryError) as info:
            reg.delete_key(r"HKCU\T")
        assert info.value.winerror == 5
        reg.delete_key(r"HKCU\T", tree=True)
        assert not reg.has_key(r"HKCU\T")

    def test_delete_missing_key_and_value_raise_not_found(self) -> None:
        """Deleting what does not exist raises RegistryKeyNotFound (winerror 2)."""
        reg = Registry()
        with pytest.raises(RegistryKeyNotFound):
            reg.delete_key(r"HKCU\missing")
        reg.create_key(r"HKCU\T")
        with pytest.raises(RegistryKeyNotFound):
            reg.delete_value(r"HKCU\T", "missing")


class TestClassesRoot:
    def test_user_value_wins_over_machine_value(self) -> None:
        """HKCR shows the HKCU\\Software\\Classes value over the HKLM one."""
        reg = Registry()
        reg.set_value(HKLM_CLASSES + r"\.fuzzle", "", "Machine.Doc")
        reg.set_value(HKCU_CLASSES + r"\.fuzzle", "", "User.Doc")
        assert reg.get_value(r"HKCR\.fuzzle").data == "User.Doc"  # type: ignore[union-attr]

    def test_machine_values_show_through_where_the_user_has_none(self) -> None:
        """A machine value the user key lacks is still visible through HKCR."""
        reg = Registry()
        reg.set_value(HKLM_CLASSES + r"\.fuzzle", "Content Type", "application/x-fuzzle")
        reg.set_value(HKCU_CLASSES + r"\.fuzzle", "", "User.Doc")
        names = [v.name for v in reg.values(r"HKCR\.fuzzle")]
        assert names == ["", "Content Type"]

    def test_subkeys_are_the_union_at_every_level(self) -> None:
        """The documented CLSID\\4 example: subkeys from both trees, merged."""
        reg = Registry()
        for sub in ("2", r"4\inprocserver32", r"4\localserver32", "7"):
            reg.create_key(HKLM_CLASSES + r"\CLSID" + "\\" + sub)
        for sub in ("1", r"4\localserver", "6", r"10\localserver"):
            reg.create_key(HKCU_CLASSES + r"\CLSID" + "\\" + sub)
        assert reg.subkeys(r"HKCR\CLSID") == ["1", "10", "2", "4", "6", "7"]
        assert reg.subkeys(r"HKCR\CLSID\4") == ["inprocserver32", "localserver", "localserver32"]

    def test_new_keys_written_through_hkcr_go_to_hklm(self) -> None:
        """Creating a key through HKCR stores it under HKLM\\Software\\Classes."""
        reg = Registry()
        reg.create_key(r"HKCR\.new")
        assert reg.has_key(HKLM_CLASSES + r"\.new")
        assert not reg.has_key(HKCU_CLASSES + r"\.new")

    def test_values_written_through_hkcr_go_to_an_existing_user_key(self) -> None:
        """A value written through HKCR lands in HKCU when the key exists there."""
        reg = Registry()
        reg.create_key(HKCU_CLASSES + r"\.fuzzle")
        reg.set_value(r"HKCR\.fuzzle", "", "Via.HKCR")
        assert reg.get_value(HKCU_CLASSES + r"\.fuzzle").data == "Via.HKCR"  # type: ignore[union-attr]
        assert not reg.has_key(HKLM_CLASSES + r"\.fuzzle")

    def test_deleting_through_hkcr_removes_the_user_copy_first(self) -> None:
        """Deleting an HKCR key deletes the user's copy; the machine's then shows."""
        reg = Registry()
        reg.set_value(HKLM_CLASSES + r"\.x", "", "machine")
        reg.set_value(HKCU_CLASSES + r"\.x", "", "user")
        reg.delete_key(r"HKCR\.x")
        assert reg.get_value(r"HKCR\.x").data == "machine"  # type: ignore[union-attr]


class TestFork:
    def test_fork_is_independent_both_ways(self) -> None:
        """Writes to a fork or to its origin are not seen by the other."""
        base = Registry()
        base.set_value(r"HKLM\SOFTWARE\A", "v", 1)
        twin = base.fork()
        twin.set_value(r"HKLM\SOFTWARE\A", "v", 2)
        base.set_value(r"HKLM\SOFTWARE\A", "w", 3)
        assert base.get_value(r"HKLM\SOFTWARE\A", "v").data == 1  # type: ignore[union-attr]
        assert twin.get_value(r"HKLM\SOFTWARE\A", "v").data == 2  # type: ignore[union-attr]
        assert twin.get_value(r"HKLM\SOFTWARE\A", "w") is None

    def test_fork_shares_untouched_subtrees(self) -> None:
        """A fork copies only the path it writes; untouched keys stay shared nodes."""
        base = Registry()
        base.create_key(r"HKLM\SOFTWARE\Big\Leaf")
        twin = base.fork()
        twin.set_value(r"HKLM\SOFTWARE\Other", "v", 1)
        big = base.nodes(base.resolve(r"HKLM\SOFTWARE\Big"))[0]
        assert twin.nodes(twin.resolve(r"HKLM\SOFTWARE\Big"))[0] is big


class TestValues:
    @pytest.mark.parametrize(
        ("data", "vtype", "expected"),
        [
            ("text", RegType.REG_SZ, "text"),
            (7, RegType.REG_DWORD, 7),
            (1 << 40, RegType.REG_QWORD, 1 << 40),
            (b"\x01\x02", RegType.REG_BINARY, b"\x01\x02"),
            (["a", "b"], RegType.REG_MULTI_SZ, ["a", "b"]),
        ],
    )
    def test_python_values_infer_their_type(
        self, data: object, vtype: RegType, expected: object
    ) -> None:
        """str, int, bytes and lists become REG_SZ, DWORD/QWORD, BINARY and MULTI_SZ."""
        reg = Registry()
        reg.set_value(r"HKCU\T", "v", data)  # type: ignore[arg-type]
        value = reg.get_value(r"HKCU\T", "v")
        assert value is not None and value.type == vtype and value.data == expected

    def test_string_data_stops_at_the_first_nul(self) -> None:
        """REG_SZ bytes with a NUL inside read back cut at it, as winreg does."""
        reg = Registry()
        reg.set_value(r"HKCU\T", "v", "a\x00b".encode("utf-16-le"), RegType.REG_SZ)
        assert reg.get_value(r"HKCU\T", "v").data == "a"  # type: ignore[union-attr]

    def test_dword_out_of_range_is_refused(self) -> None:
        """A REG_DWORD must fit in 32 bits."""
        with pytest.raises(RegistryError, match="0 to 4294967295"):
            Registry().set_value(r"HKCU\T", "v", 1 << 32, RegType.REG_DWORD)


def test_a_value_set_again_in_another_case_keeps_its_first_spelling() -> None:
    """Setting 'bar' over 'Bar' changes the data, not the name, and keeps the order."""
    reg = Registry()
    reg.set_value(r"HKCU\T", "Bar", "1")
    reg.set_value(r"HKCU\T", "z", "2")
    reg.set_value(r"HKCU\T", "BAR", "3")
    assert [(v.name, v.data) for v in reg.values(r"HKCU\T")] == [("Bar", "3"), ("z", "2")]


def test_hkcu_and_its_hku_path_are_one_key_whichever_way_written() -> None:
    """A key written through HKEY_USERS\\<SID> is the HKCU key, for the API and imports."""
    reg = Registry()
    reg.import_reg(
        "Windows Registry Editor Version 5.00\n\n"
        f"[HKEY_USERS\\{reg.user_sid}\\Software\\A]\n\"v\"=\"1\"\n\n"
        "[HKEY_CURRENT_USER\\Software\\A]\n\"w\"=\"2\"\n"
    )
    assert [v.name for v in reg.values(r"HKCU\Software\A")] == ["v", "w"]
    assert reg.subkeys("HKEY_USERS").count(reg.user_sid) == 1
    reg.delete_key(rf"HKEY_USERS\{reg.user_sid}\Software\A")
    assert not reg.has_key(r"HKCU\Software\A")
