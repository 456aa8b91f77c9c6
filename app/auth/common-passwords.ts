// Passwords and password stems that appear at the top of every published breach corpus, plus
// words Japanese users commonly build passwords from. Compared case-insensitively after
// NFKC, both whole and with digits and symbols stripped from both ends ("password2024!" is
// "password"). The policy also refuses repetitions, keyboard and alphabet runs and the
// names of the city, the app and the user, so this list does not need to spell those out.

const LIST = `
123456 123456789 12345678 12345 1234567 1234567890 123123 111111 000000 654321 666666 121212 112233 123321
654321 987654321 1q2w3e4r 1q2w3e4r5t 1qaz2wsx 1qaz2wsx3edc zaq12wsx zaq1zaq1 qazwsx qazwsxedc qwerty qwerty123
qwertyuiop qwerty1234 asdfgh asdfghjkl zxcvbnm zxcvbn password password1 password12 password123 passw0rd p@ssw0rd
p@ssword pa55word pass1234 passwort motdepasse contrasena senha parola wachtwoord salasana haslo lozinka
iloveyou iloveu ilovey0u loveyou lovely loveme mylove princess princesa sunshine shadow monkey dragon master
letmein login admin administrator adminadmin root toor welcome welcome1 welcome123 hello hello123 helloworld
abc123 abcd1234 abcdef abcdefg abcdefgh a1b2c3 a1b2c3d4 aa123456 abc12345 qwe123 qweasd qweasdzxc asd123
football baseball basketball soccer hockey tennis golfer volleyball superman batman spiderman ironman
starwars pokemon pikachu naruto doraemon totoro ghibli gundam onepiece dragonball sailormoon hellokitty kitty
charlie michael jennifer jessica ashley daniel thomas jordan hunter ranger buster tigger summer winter autumn
spring flower flowers cookie chocolate cheese banana orange apple strawberry cherry peach coffee
computer internet google yahoo facebook twitter instagram microsoft windows apple iphone samsung android
secret secret123 trustno1 whatever nothing freedom forever friends family mother father sister brother
baby babygirl babyboy angel angels beautiful pretty sweet sweetie honey lucky luckyone happy happy123
sakura sakura123 hikari hikaru haruka yuki yukiko akira takeshi hiroshi kenji keiko tanaka suzuki sato
yamada watanabe takahashi nakamura kobayashi yamamoto tokyo osaka kyoto nagoya yokohama sapporo fukuoka
okinawa nihon nippon japan japanese arigatou arigato daisuki aishiteru konnichiwa sayonara ohayou kawaii
ganbare ganbatte neko inu tanuki kitsune usagi sushi ramen tempura samurai ninja shogun sensei
shiyakusho yakusho kyoiku kenko fukushi shimin chiiki kankyo somu jinji kikaku zaisei doboku toshi
changeme change123 default guest guest123 temp temp123 test test123 testtest tester demo demo123
user user123 username system system123 server office office123 staff staff123 manager manager123
mayor audit auditor reform support service security secure secure123 access access123 private
qwerty12345 qwertyuiop123 asdfghjkl123 zxcvbnm123 1234qwer qwer1234 1234asdf asdf1234 asdfasdf qwerqwer
aaaaaa aaaaaaaa abcabc abc123abc 11111111 22222222 88888888 99999999 12341234 123412341234 112233445566
741852963 159753 159357 147258369 147852369 963852741 789456123 789456 456789 147258 258369
michelle matthew andrew joshua william robert richard charles joseph george taylor anthony
mustang ferrari porsche harley yamaha toyota honda nissan mazda subaru suzuki1
killer hacker matrix phoenix silver golden diamond crystal rainbow dolphin butterfly tiger lion
chelsea arsenal liverpool barcelona realmadrid juventus manchester united
jesus christ heaven blessed god godisgood faith hope grace
letmein123 welcome2024 welcome2025 welcome2026 spring2024 summer2024 autumn2024 winter2024
password2024 password2025 password2026 admin2024 admin2025 admin2026 tokyo2020 qwerty2024
`;

export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));
