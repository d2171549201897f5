/**
 * Passwords that head every published list of breached and most-used passwords (the top of the
 * RockYou, NCSC and SplashData lists), plus the words and patterns they are built from. Entries
 * are lower-case; `password-policy.ts` also matches them after stripping digits and symbols from
 * the ends and undoing common letter substitutions, so `P@ssw0rd2026!` counts as `password`.
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `
  123456 password 12345678 qwerty 123456789 12345 1234 111111 1234567 dragon 123123 baseball abc123 football
  monkey letmein 696969 shadow master 666666 qwertyuiop 123321 mustang 1234567890 michael 654321 superman
  1qaz2wsx 7777777 121212 000000 qazwsx 123qwe killer trustno1 jordan jennifer zxcvbnm asdfgh hunter buster
  soccer harley batman andrew tigger sunshine iloveyou 2000 charlie robert thomas hockey ranger daniel starwars
  klaster 112233 george computer michelle jessica pepper 1111 zxcvbn 555555 11111111 131313 freedom 777777
  pass maggie 159753 aaaaaa ginger princess joshua cheese amanda summer love ashley nicole chelsea biteme
  matthew access yankees 987654321 dallas austin thunder taylor matrix mobilemail mom monitor monitoring
  montana moon moscow william corvette hello martin heather secret merlin diamond 1234qwer gfhjkm hammer
  silver 222222 88888888 anthony justin test bailey q1w2e3r4t5 patrick internet scooter orange 11111 golfer
  cookie richard samantha bigdog guitar jackson whatever mickey chicken sparky snoopy maverick phoenix camaro
  peanut morgan welcome falcon cowboy ferrari samsung andrea smokey steelers joseph mercedes dakota arsenal
  eagles melissa boomer booboo spider nascar monster tigers yellow xxxxxx 123123123 gateway marina diablo
  bulldog qwer1234 compaq purple hardcore banana junior hannah 123654 porsche lakers iceman money cowboys
  987654 london tennis 999999 ncc1701 coffee scooby 0000 miller boston q1w2e3r4 brandon yamaha chester mother
  forever johnny edward 333333 oliver redsox player nikita knight fender barney midnight please brandy
  chicago badboy slayer rangers charles angel flower rabbit wizard bigdick jasper enter rachel chris steven
  winner adidas victoria natasha 1q2w3e4r jasmine winter prince panties marine ghbdtn fishing cocacola casper
  james 232323 raiders 888888 marlboro gandalf asdfasdf crystal 87654321 12344321 golden 8675309 panther
  lauren angela bitch spanky thx1138 angels madison winston shannon mike toyota blowjob jordan23 canada sophie
  apples dick tiger razz 123abc pokemon qazxsw 55555 qwaszx muffin johnson murphy cooper jonathan liverpoo
  david danielle 159357 jackie 1990 123456a 789456 turtle horny abcd1234 scorpion qazwsxedc 101010 butter
  carlos password1 dennis slipknot qwerty123 booger asdf 1991 black startrek 12341234 cameron newyork
  rainbow nathan john 1992 rocket viking redskins asdfghjkl 1212 sierra peaches gemini doctor wilson sandra
  helpme qwertyui victor florida dolphin pookie captain tucker blue liverpool theman bandit dolphins maddog
  packers jaguar lovers nicholas united tiffany maxwell zzzzzz nirvana jeremy suckit stupid porn monica
  elephant giants jackass hotdog rosebud success debbie mountain 444444 xxxxxxxx warrior 1q2w3e4r5t alexander
  poohbear jack qweasd password123 welcome1 admin admin123 administrator root toor changeme changeit default
  guest user login passw0rd p@ssw0rd p@ssword pa55word letmein1 iloveyou1 princess1 sunshine1 football1
  baseball1 monkey1 dragon1 master1 shadow1 superman1 michael1 charlie1 qwerty1 abc12345 abcdef abcdefg
  abcdefgh 1qazxsw2 zaq12wsx zaq1zaq1 xsw2zaq1 1q2w3e 1q2w3e4r5t6y 1q2w3e4r5t6y7u 1qaz2wsx3edc 1qaz2wsx3edc4rfv
  qazwsxedcrfv qazwsxedcrfvtgb qwertyuiop123 qwertyuiopasdfghjkl asdfghjkl123 zxcvbnm123 qwertyqwerty
  qwerty12345 qwerty123456 password12 password1234 password12345 password123456 passwordpassword
  iloveyou123 iloveyou1234 123456789a 123456789q 1234567890q 123456789012 1234567890123 12345678910
  1234567891 0123456789 9876543210 0987654321 1122334455 1234512345 123412341234 abc123456789 abcd12345678
  aaaaaaaaaaaa 111111111111 000000000000 123123123123 qweqweqweqwe asdasdasdasd zxczxczxczxc
  correcthorsebatterystaple trustno1trustno1 letmeinletmein welcome123 welcome1234 welcomewelcome
  changeme123 changemenow administrator1 admin1234 admin12345 adminadmin rootroot rootpassword
  superadmin supervisor manager secret123 secretpassword mysecret mypassword mypassword123 newpassword
  newpassword123 oldpassword temppassword temp1234 temporary test123 test1234 test12345 testtest testing
  testing123 demo demo123 demopassword sample example qwerty1234 asdf1234 zxcv1234 1234asdf 1234abcd
  loveyou lovely lovelove loveme iloveu iloveyou2 ilovegod iloveme ilovemom ilovemyself imissyou
  babygirl baby babyboy sweety sweetheart sweetie honey angel1 angelica beautiful butterfly cutie darling
  princesa bonita tequiero teamo amor amorcito contraseña contrasena passwort motdepasse senha parola
  salasana wachtwoord haslo heslo lozinka jelszo geslo sifre qwertz azerty qwertzuiop azertyuiop
  hallo hello1 hello123 hellokitty hellohello whatsup goodluck godbless jesus jesus1 jesuschrist christ
  blessed faith grace heaven hallelujah trinity genesis dragonball naruto sasuke pikachu digimon zelda
  mario nintendo playstation xbox360 minecraft fortnite roblox warcraft starcraft counterstrike
  letmein123 access14 accessdenied openup opensesame sesame friends friend family family1 forever1
  november december january february march april june july august september october monday tuesday
  wednesday thursday friday saturday sunday spring autumn fall summer2024 summer2025 summer2026 winter2024
  winter2025 winter2026 spring2025 spring2026 autumn2025 autumn2026 fall2025 fall2026 summer1 winter1
  spring1 autumn1 chocolate vanilla strawberry cherry lemon apple blueberry pumpkin cupcake cookies
  candy sugar muffin1 pizza pasta bacon burger hotdog1 tacos nutella coffee1 whiskey vodka beer
  pepsi sprite fanta redbull guinness heineken budweiser jackdaniels smirnoff
  liverpool1 chelsea1 arsenal1 manchester manutd barcelona realmadrid juventus bayern ronaldo messi
  neymar beckham zidane federer nadal jordan1 kobe lebron michaeljordan tigerwoods tiger1
  basketball hockey1 volleyball cricket rugby golf tennis1 boxing karate ninja samurai warrior1
  pirate viking1 cowboy1 soldier sniper killer1 hunter1 hunter2 assassin predator terminator
  matrix1 neo morpheus trinity1 gandalf1 frodo gollum hobbit legolas aragorn hogwarts harrypotter
  hermione voldemort dumbledore starwars1 skywalker jedi yoda vader darthvader chewbacca stargate
  startrek1 enterprise spock batman1 superman2 spiderman ironman hulk thor avengers wolverine
  deadpool joker catwoman wonderwoman superhero marvel dccomics pokemon1 charmander bulbasaur
  mustang1 corvette1 ferrari1 porsche1 mercedes1 bmw audi toyota1 honda nissan mazda subaru
  ford chevy chevrolet dodge jeep harley1 ducati kawasaki suzuki yamaha1 volkswagen volvo tesla
  computer1 internet1 windows microsoft apple1 macintosh linux ubuntu google yahoo facebook
  twitter instagram youtube myspace hotmail gmail outlook amazon netflix spotify linkedin
  samsung1 iphone android nokia motorola blackberry sony toshiba dell lenovo asus
  dragon123 monkey123 shadow123 master123 qwerty1234567 killer123 ranger1 buster1 tigger1 pepper1
  ginger1 maggie1 bailey1 sophie1 charlie123 jessica1 michelle1 ashley1 amanda1 jennifer1 nicole1
  daniel1 andrew1 joshua1 matthew1 robert1 thomas1 william1 jordan123 anthony1 justin1 brandon1
  christopher jonathan1 nicholas1 alexander1 benjamin samuel jacob ethan logan lucas mason noah liam
  olivia emma ava isabella mia charlotte amelia harper evelyn abigail emily elizabeth sofia ella
  madison1 scarlett victoria1 grace1 chloe camila penelope riley layla lillian nora zoey mila aubrey
  hannah1 lily addison eleanor natalie luna savannah brooklyn leah zoe stella hazel ellie paisley
  audrey skylar violet claire bella aurora lucy anna samantha1 caroline genesis1 aaliyah kennedy
  kinsley allison maya sarah madelyn adeline alexa ariana elena gabriella naomi alice sadie hailey
  eva emilia autumn1 quinn nevaeh piper ruby serenity willow everly cora kaylee lydia aubree arianna
  eliana peyton melanie gianna isabelle julia valentina nova clara vivian reagan mackenzie madeline
  superstar rockstar popstar shooting star starlight moonlight sunlight sunrise sunset rainbow1
  thunder1 lightning storm hurricane tornado blizzard snowball snowflake iceman1 fire firefly
  fireman firebird phoenix1 dragonfly eagle eagle1 falcon1 hawk raven crow wolf wolfpack lion lion1
  tiger123 panther1 jaguar1 leopard cheetah cougar puma bear teddybear bigbear polar panda koala
  kitten kitty kittycat pussycat catcat doggy doggie puppy puppies snoopy1 scooby1 scoobydoo
  garfield mickeymouse minnie donald goofy pluto simba nemo dory shrek fiona elmo tweety bugs
  bugsbunny daffy porky spongebob patrick1 squidward homer bart simpson simpsons futurama
  southpark cartman kenny eminem tupac biggie drake rihanna beyonce madonna metallica slipknot1
  nirvana1 linkinpark greenday blink182 acdc ledzeppelin pinkfloyd beatles queen rolling
  password2 password3 password7 password9 password01 password11 password99 password2024 password2025
  password2026 passwordabc passpass pass1234 pass12345 pass123456 passw0rd1 p@ssw0rd1 p@55w0rd
  letmein2 qwerty7 qwerty01 qwerty11 1qwerty qwerty2 asdfg zxcvb asdfghj zxcvbnm1 asdfghjk
  qweasdzxc qweasd123 1qazzaq1 1qaz1qaz 2wsx3edc 3edc4rfv qazwsx123 qwe123 qwe123qwe asd123 zxc123
  aaa111 abc abcabc abc123abc a1b2c3 a1b2c3d4 a1b2c3d4e5 aa123456 aa12345678 aaaa1111 asdf123
  1q2w3e4r5 1q2w3e4r5t6 q1w2e3 q1w2e3r4t5y6 1a2b3c4d 123qweasd 123qweasdzxc 1234qwerasdf
  qwer4321 4321 54321 7654321 87654321a 123654789 147258369 159357456 741852963 963852741
  789456123 456789 147258 258369 369258147 112358 11235813 31415926 3141592653 271828
  1234554321 12345654321 123321123 1234321 121314 131415 141516 696969696 69696969 420420
  `
    .split(/\s+/)
    .filter(Boolean),
);
