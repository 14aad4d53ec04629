#!/bin/sh
# Synthesises the built-in voice prompts (8 kHz mono 16-bit WAV) into voice/src/main/resources/prompts with
# Debian's espeak-ng and sox. The WAVs are committed: run this only to change a text, then commit the result.
# Operators replace any prompt with a recording of their own in voice.prompts-dir (same relative path).
set -eu
out="$(cd "$(dirname "$0")/.." && pwd)/src/main/resources/prompts"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

say() { # language voice name text...
    lang="$1" voice="$2" name="$3"
    shift 3
    mkdir -p "$out/$lang"
    espeak-ng -v "$voice" -s 150 -w "$tmp/raw.wav" "$*"
    sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$tmp/$lang-$name.wav" pad 0 0.3
}
join() { # target parts...
    target="$1"
    shift
    sox "$@" "$target"
}

say ru ru greeting "Здравствуйте! Вы позвонили в контактный центр МОТИВ."
say en en-gb greeting "Hello! You have reached the MOTIV contact centre."

say ru ru menu-main-ru "Чтобы узнать баланс и тарифы, нажмите один. Настройки мобильного интернета, вап и джи-пи-эр-эс: два. Обратный звонок и удалённое обслуживание: три. Чтобы поговорить с оператором, нажмите ноль."
say en en-gb menu-main-for-english "For English, press nine."
say en en-gb menu-main-en "For balance and tariffs, press one. For mobile internet, WAP and GPRS settings, press two. For a callback or remote service, press three. To speak to an operator, press zero."
say ru ru menu-main-for-russian "Для русского языка нажмите восемь."

say ru ru menu-service "Чтобы заказать обратный звонок, нажмите один. Удалённое обслуживание: два. Вернуться в главное меню: звёздочка."
say en en-gb menu-service "To ask for a callback, press one. For remote service, press two. To go back to the main menu, press star."

say ru ru invalid-choice "Такого пункта в меню нет."
say en en-gb invalid-choice "That is not a choice in this menu."

say ru ru queued "Пожалуйста, оставайтесь на линии. Вам ответит первый освободившийся оператор."
say en en-gb queued "Please stay on the line. The next available operator will answer."

for lang in ru en; do
    cp "$tmp/$lang-greeting.wav" "$out/$lang/greeting.wav"
    cp "$tmp/$lang-menu-service.wav" "$out/$lang/menu-service.wav"
    cp "$tmp/$lang-invalid-choice.wav" "$out/$lang/invalid-choice.wav"
    cp "$tmp/$lang-queued.wav" "$out/$lang/queued.wav"
done
say ru ru position "Ваш номер в очереди:"
say en en-gb position "Your position in the queue is"
say ru ru wait "Примерное время ожидания:"
say en en-gb wait "The estimated waiting time is"
say ru ru wait-short "меньше минуты."
say en en-gb wait-short "less than a minute."
say ru ru minute-one "минута."
say en en-gb minute-one "minute."
say ru ru minute-few "минуты."
say en en-gb minute-few "minutes."
say ru ru minute-many "минут."
say en en-gb minute-many "minutes."
say ru ru callback-offer "Чтобы сохранить своё место в очереди и дождаться нашего звонка, нажмите один."
say en en-gb callback-offer "To keep your place in the queue and be called back, press one."
say ru ru callback-confirmed "Спасибо. Мы перезвоним вам, когда подойдёт ваша очередь. До свидания."
say en en-gb callback-confirmed "Thank you. We will call you back when your turn comes. Goodbye."
say ru ru callback-greeting "Здравствуйте! Это обратный звонок контактного центра МОТИВ, как вы просили. Пожалуйста, оставайтесь на линии: соединяем вас с оператором."
say en en-gb callback-greeting "Hello! This is the MOTIV contact centre calling you back, as you asked. Please stay on the line while we connect you to an operator."
say ru ru recording-consent "Для контроля качества обслуживания разговор с оператором записывается."
say en en-gb recording-consent "Your conversation with the operator is recorded for quality purposes."
for lang in ru en; do
    for name in position wait wait-short minute-one minute-few minute-many callback-offer callback-confirmed \
        callback-greeting recording-consent; do
        cp "$tmp/$lang-$name.wav" "$out/$lang/$name.wav"
    done
done

# Numbers for positions and minutes, spoken as parts: hundreds, tens, then units or 10-19 (ru: 1f and 2f are the
# feminine "одна", "две" that go with "минута").
number() { # language voice value text
    mkdir -p "$out/$1/number"
    espeak-ng -v "$2" -s 150 -w "$tmp/raw.wav" "$4"
    sox "$tmp/raw.wav" -r 8000 -c 1 -b 16 -e signed-integer "$out/$1/number/$3.wav" pad 0 0.05
}
set -- 0 ноль 1 один 2 два 3 три 4 четыре 5 пять 6 шесть 7 семь 8 восемь 9 девять 10 десять 11 одиннадцать \
    12 двенадцать 13 тринадцать 14 четырнадцать 15 пятнадцать 16 шестнадцать 17 семнадцать 18 восемнадцать \
    19 девятнадцать 20 двадцать 30 тридцать 40 сорок 50 пятьдесят 60 шестьдесят 70 семьдесят 80 восемьдесят \
    90 девяносто 100 сто 200 двести 300 триста 400 четыреста 500 пятьсот 600 шестьсот 700 семьсот \
    800 восемьсот 900 девятьсот 1f одна 2f две
while [ $# -gt 0 ]; do number ru ru "$1" "$2"; shift 2; done
set -- 0 zero 1 one 2 two 3 three 4 four 5 five 6 six 7 seven 8 eight 9 nine 10 ten 11 eleven 12 twelve \
    13 thirteen 14 fourteen 15 fifteen 16 sixteen 17 seventeen 18 eighteen 19 nineteen 20 twenty 30 thirty \
    40 forty 50 fifty 60 sixty 70 seventy 80 eighty 90 ninety 100 "one hundred" 200 "two hundred" \
    300 "three hundred" 400 "four hundred" 500 "five hundred" 600 "six hundred" 700 "seven hundred" \
    800 "eight hundred" 900 "nine hundred" 1f one 2f two
while [ $# -gt 0 ]; do number en en-gb "$1" "$2"; shift 2; done

join "$out/ru/menu-main.wav" "$tmp/ru-menu-main-ru.wav" "$tmp/en-menu-main-for-english.wav"
join "$out/en/menu-main.wav" "$tmp/en-menu-main-en.wav" "$tmp/ru-menu-main-for-russian.wav"
ls -l "$out/ru" "$out/en"
