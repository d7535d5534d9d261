"""Passwords that appear near the top of every published breach list.

Length alone already refuses most of them; what matters here is the long ones, and the
short favourites padded out with digits and symbols ("Password1234!", "football2024").
"""

import re


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Whole passwords of 12 or more characters seen again and again in breach corpora.
LONG_PASSWORDS = _words(
    """
    123456789012 1234567890123 12345678901234 123456789123 123123123123 123456123456
    111111111111 000000000000 121212121212 112233445566 098765432109 987654321098
    qwertyuiop12 qwertyuiop123 qwertyuiopasdf qwertyuiopasdfghjkl qwerty123456
    qwerty12345678 1234567890qwerty 1q2w3e4r5t6y 1q2w3e4r5t6y7u8i 1qaz2wsx3edc
    1qaz2wsx3edc4rfv zaq12wsxcde3 zaq1zaq1zaq1 q1w2e3r4t5y6 123qweasdzxc qazwsxedcrfv
    qazwsxedcrfvtgb asdfghjkl123 asdfghjkl;' zxcvbnm12345 1234qwerasdf aaaaaaaaaaaa
    abcdefghijkl abc123abc123 abcd1234abcd password1234 password12345 password123456
    passwordpassword password1234! password123! p@ssw0rd1234 p@ssword1234 passw0rd1234
    iloveyou1234 iloveyouforever welcome12345 welcome1234! letmein12345 changeme1234
    changemenow! administrator administrator1 trustno1trustno1 monkey123456
    dragon123456 superman1234 baseball1234 football1234 sunshine1234 princess1234
    starwars1234 whatever1234 computer1234 michael12345 liverpool1234 arsenal12345
    chelsea12345 manchester12 manunited1234 summer2024!! winter2024!! spring2024!!
    thisismypassword mypassword123 mypassword1234 secretpassword supersecret123
    letmeinplease openthedoor1 qwerty123qwerty 1234512345 123412341234 999999999999
    888888888888 777777777777 666666666666 555555555555 444444444444 333333333333
    222222222222 0123456789ab 1234567890ab safeguarding1 safeguarding123
    """
)

# Favourite words that become "strong" by padding: compared after digits and symbols go.
COMMON_WORDS = _words(
    """
    password passw0rd qwerty qwertyuiop iloveyou welcome letmein monkey dragon master
    football baseball sunshine princess starwars whatever computer michael shadow
    superman batman trustno freedom liverpool arsenal chelsea manchester summer winter
    spring autumn hello charlie jessica ashley login admin administrator changeme secret
    abcdef abcdefg abcdefgh qazwsx asdfgh zxcvbnm passwordpassword mypassword
    safeguarding chorus children partnership
    """
)

_PADDING = re.compile(r"[^a-z]")


def is_common(password: str) -> bool:
    """True for a listed password, a listed word padded out, or one character repeated."""
    lowered = password.lower()
    if lowered in LONG_PASSWORDS or len(set(lowered)) <= 2:
        return True
    return _PADDING.sub("", lowered) in COMMON_WORDS
